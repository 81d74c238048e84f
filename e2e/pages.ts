import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Page helpers that speak the app's accessible names, as a user (or screen reader) would. */

export const VISIBLE = { timeout: 15_000 } as const;

/** A phone, for the layouts that change below the md breakpoint. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', ...VISIBLE });
  return locator;
}

export function connection(page: Page): Locator {
  return page.getByRole('status', { name: 'Connection' });
}

export async function expectConnected(page: Page): Promise<void> {
  await expect.poll(() => connection(page).textContent(), VISIBLE).toBe('Connected');
}

export async function signUp(page: Page, url: string, user: { username: string; displayName: string; password: string }) {
  await page.goto(url);
  await (await visible(page.getByRole('button', { name: 'Create an account' }))).click();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Display name').fill(user.displayName);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectConnected(page);
}

export async function signIn(page: Page, url: string, user: { username: string; password: string }) {
  await page.goto(url);
  await (await visible(page.getByLabel('Username'))).fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectConnected(page);
}

export async function joinFromBrowse(page: Page, roomName: string) {
  await page.getByRole('button', { name: 'Browse rooms' }).click();
  const dialog = await visible(page.getByRole('dialog', { name: 'Browse rooms' }));
  await dialog.getByRole('button', { name: `Join ${roomName}` }).click();
  await visible(composer(page, roomName));
}

export function composer(page: Page, roomName: string): Locator {
  return page.getByRole('textbox', { name: `Message #${roomName}` });
}

export function messageLog(page: Page, roomName: string): Locator {
  return page.getByRole('region', { name: `Messages in ${roomName}` });
}

/** One message (or pending message) of the room, by text it contains. */
export function messageItem(page: Page, roomName: string, text: string): Locator {
  return messageLog(page, roomName).getByRole('listitem').filter({ hasText: text });
}

/** Whether the element is drawn, inside the visible part of its scroller (and the window). */
export async function inViewport(locator: Locator): Promise<boolean> {
  if ((await locator.count()) === 0) return false;
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    let parent = element.parentElement;
    while (parent && getComputedStyle(parent).overflowY !== 'auto') parent = parent.parentElement;
    const box = parent?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    return rect.bottom > box.top && rect.top < box.bottom;
  });
}

/** Presses Tab until the focused element has this accessible name (as a keyboard user would). */
export async function tabTo(page: Page, name: string | RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
      return el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
    });
    if (typeof name === 'string' ? label.trim() === name : name.test(label.trim())) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

/** Whether the focused element shows a focus ring. */
export function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
  });
}

/** How many times `text` is shown as a message body: every check of a live message is also a check for duplicates. */
export function countMessages(page: Page, roomName: string, text: string): Promise<number> {
  return messageLog(page, roomName).getByText(text, { exact: true }).count();
}

export async function expectMessageOnce(page: Page, roomName: string, text: string) {
  await expect.poll(() => countMessages(page, roomName, text), VISIBLE).toBe(1);
}

/** Scrolls a room's message list to its top or bottom edge (only rows near the view are drawn). */
export async function scrollMessages(page: Page, roomName: string, to: 'top' | 'bottom'): Promise<void> {
  await messageLog(page, roomName).evaluate(async (section, edge) => {
    let scroller = section.parentElement;
    while (scroller && getComputedStyle(scroller).overflowY !== 'auto') scroller = scroller.parentElement;
    if (scroller) scroller.scrollTop = edge === 'top' ? 0 : scroller.scrollHeight;
    // The rows for the new place are drawn on the frames after the scroll.
    for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
  }, to);
}

/**
 * Every message body matching `pattern`, in order, seen while scrolling the room's list from
 * its top to its bottom a screen at a time: the list draws only the rows near the view.
 */
export async function bodiesThroughout(page: Page, roomName: string, pattern: RegExp): Promise<string[]> {
  const seen: string[] = [];
  const log = messageLog(page, roomName);
  await scrollMessages(page, roomName, 'top');
  // At the bottom twice in a row, a moment apart: no newer page was on its way.
  let atBottom = 0;
  for (let step = 0; step < 500 && atBottom < 2; step++) {
    await page.waitForTimeout(atBottom > 0 ? 500 : 50);
    for (const text of await log.getByText(pattern).allTextContents()) if (!seen.includes(text)) seen.push(text);
    const moved = await log.evaluate((section) => {
      let scroller = section.parentElement;
      while (scroller && getComputedStyle(scroller).overflowY !== 'auto') scroller = scroller.parentElement;
      if (!scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return false;
      scroller.scrollTop += scroller.clientHeight * 0.8;
      return true;
    });
    atBottom = moved ? 0 : atBottom + 1;
  }
  return seen;
}

/** A message by its own text, where a reply quoting it would match `messageItem` too; `scope` is a room's log or a thread. */
export function messageByText(scope: Locator, text: string): Locator {
  return scope.getByRole('listitem').filter({ has: scope.page().locator('.chat-markdown', { hasText: text }) });
}

/** A message's reaction chips as a screen reader hears them ("👍 2: Alice, Bob"), "(mine)" when pressed. */
export async function reactionsOf(message: Locator): Promise<string[]> {
  const chips = message.getByRole('list', { name: 'Reactions' }).getByRole('button');
  return chips.evaluateAll((buttons) => buttons.map((b) => `${b.getAttribute('aria-label') ?? ''}${b.getAttribute('aria-pressed') === 'true' ? ' (mine)' : ''}`));
}

/** The thread panel beside (or, on a phone, over) the open room. */
export function threadPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Thread' });
}

/** A notice in a room's timeline, by its sentence ("Ann Lee renamed the room to “Lunch”"). */
export function noticeLine(page: Page, roomName: string, sentence: string): Locator {
  return messageLog(page, roomName).getByRole('listitem').filter({ hasText: sentence });
}

/** A toast, by its text: in the region Radix reaches with F8, not its copy read out to screen readers. */
export function toast(page: Page, text: string): Locator {
  return page.getByRole('region', { name: /^Notifications/ }).getByText(text, { exact: true });
}

/** A room's link in the sidebar, by its accessible name ("General", "General (muted) 1 unread"). */
export function roomLink(page: Page, name: string | RegExp): Locator {
  return page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name, exact: typeof name === 'string' });
}

/** Waits for the page's running transitions (a toolbar fading out) to end, for a still screenshot. */
export function settled(page: Page): Promise<void> {
  return page.evaluate(async () => void (await Promise.all(document.getAnimations().map((a) => a.finished))));
}

/** Picks an item of the open room's menu ("Room options" in its header), the way a mouse does. */
export async function roomMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Room options' }).click();
  await (await visible(page.getByRole('menuitem', { name: item }))).click();
}
