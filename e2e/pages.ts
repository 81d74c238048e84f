import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Page helpers that speak the app's accessible names, as a user (or screen reader) would. */

export const VISIBLE = { timeout: 15_000 } as const;

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
  await visible(page.getByRole('button', { name: 'Sign out' }));
  await expectConnected(page);
}

export async function signIn(page: Page, url: string, user: { username: string; password: string }) {
  await page.goto(url);
  await (await visible(page.getByLabel('Username'))).fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
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
  return page.getByRole('log', { name: `Messages in ${roomName}` });
}

/** How many times `text` is shown as a message body: every check of a live message is also a check for duplicates. */
export function countMessages(page: Page, roomName: string, text: string): Promise<number> {
  return messageLog(page, roomName).getByText(text, { exact: true }).count();
}

export async function expectMessageOnce(page: Page, roomName: string, text: string) {
  await expect.poll(() => countMessages(page, roomName, text), VISIBLE).toBe(1);
}
