import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../apps/api/src/http/server.ts';
import { apiClient } from './api.ts';
import { launchChromium } from './browser.ts';
import { controlSockets } from './network.ts';
import {
  composer,
  connection,
  countMessages,
  expectConnected,
  expectMessageOnce,
  joinFromBrowse,
  messageLog,
  signIn,
  signUp,
  VISIBLE,
  visible,
} from './pages.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const docsScreenshots = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const alice = { username: 'alice', displayName: 'Alice Martin', password: 'correct horse battery' };
const bob = { username: 'bob', displayName: 'Bob Okafor', password: 'another good password' };

// Shown in the screenshots, so they read like a real conversation.
const BOB_REPLY = 'Hi Alice! Bob here.\nShall we go over the release notes after lunch?';
const AWAY_1 = 'I drafted the summary while you were away.';
const AWAY_2 = "It's in the shared folder, have a look when you can.";
const OFFLINE_NOTE = 'Back on the train: reading it now!';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let dataDir: string;
const contexts: BrowserContext[] = [];

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  contexts.push(context);
  return context.newPage();
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'chat-e2e-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'warn' });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two people chatting in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsA: Awaited<ReturnType<typeof controlSockets>>;

  it('signs both up and opens General for both', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    socketsA = await controlSockets(pageA);
    pageB = await newPage({ colorScheme: 'dark' });
    await signUp(pageA, server.url, alice);
    await signUp(pageB, server.url, bob);
    await screenshot(pageA, 'desktop-light-empty');
    await joinFromBrowse(pageA, 'General');
    await joinFromBrowse(pageB, 'General');
    await visible(pageA.getByRole('link', { name: 'General' }));
  });

  it('explains a taken username, a short password and a wrong password', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await (await visible(page.getByRole('button', { name: 'Create an account' }))).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByText('Password must be at least 8 characters'));
    await page.getByLabel('Password').fill('long enough now');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByText('That username is taken. Try another.'));

    await page.getByRole('button', { name: 'Sign in instead' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('not her password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').getByText('Wrong username or password.'));
    await page.context().close();
  });

  it('delivers messages live both ways, once each', async () => {
    await composer(pageA, 'General').fill('Hello from Alice 👋');
    await composer(pageA, 'General').press('Enter');
    await expectMessageOnce(pageA, 'General', 'Hello from Alice 👋');
    await expectMessageOnce(pageB, 'General', 'Hello from Alice 👋');

    await composer(pageB, 'General').fill(BOB_REPLY);
    await pageB.getByRole('button', { name: 'Send' }).click();
    await expectMessageOnce(pageB, 'General', BOB_REPLY);
    await expectMessageOnce(pageA, 'General', BOB_REPLY);
    await expect(composer(pageB, 'General').inputValue()).resolves.toBe('');
  });

  it('keeps Shift+Enter as a newline and Enter as send', async () => {
    const box = composer(pageA, 'General');
    await box.pressSequentially('Line one');
    await box.press('Shift+Enter');
    await box.pressSequentially('line two');
    expect(await box.inputValue()).toBe('Line one\nline two');
    await box.press('Enter');
    await expectMessageOnce(pageB, 'General', 'Line one\nline two');
  });

  it('shows who is typing', async () => {
    await composer(pageB, 'General').pressSequentially('Thinking about');
    await visible(pageA.getByText('Bob Okafor is typing…'));
    await composer(pageB, 'General').fill('');
    await pageA.getByText('Bob Okafor is typing…').waitFor({ state: 'detached', ...VISIBLE });
  });

  it('edits and deletes, live on the other side', async () => {
    const mine = messageLog(pageA, 'General').getByRole('listitem').filter({ hasText: 'Hello from Alice 👋' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit message' }).click();
    const editor = pageA.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Hello from Alice (edited on purpose)');
    await editor.press('Enter');
    await visible(messageLog(pageB, 'General').getByText('Hello from Alice (edited on purpose)'));
    await visible(messageLog(pageB, 'General').getByText('(edited)'));

    const line = messageLog(pageA, 'General').getByRole('listitem').filter({ hasText: 'Line one' });
    await line.hover();
    await line.getByRole('button', { name: 'Delete message' }).click();
    await line.getByRole('button', { name: 'Confirm delete' }).click();
    await visible(messageLog(pageB, 'General').getByText('message deleted'));
    expect(await countMessages(pageB, 'General', 'Line one\nline two')).toBe(0);
  });

  it('catches up after a dropped connection with nothing missing or repeated', async () => {
    await pageA.context().setOffline(true);
    await socketsA.drop();
    await expect.poll(() => connection(pageA).textContent(), VISIBLE).toBe('Offline');

    await composer(pageB, 'General').fill(AWAY_1);
    await composer(pageB, 'General').press('Enter');
    await composer(pageB, 'General').fill(AWAY_2);
    await composer(pageB, 'General').press('Enter');
    await expectMessageOnce(pageB, 'General', AWAY_2);
    expect(await countMessages(pageA, 'General', AWAY_1)).toBe(0);

    // Alice writes while offline: shown at once as pending, delivered once she is back.
    await composer(pageA, 'General').fill(OFFLINE_NOTE);
    await composer(pageA, 'General').press('Enter');
    const pending = messageLog(pageA, 'General').getByRole('listitem').filter({ hasText: OFFLINE_NOTE });
    await visible(pending.getByText('Sending…'));

    socketsA.restore();
    await pageA.context().setOffline(false);
    await expectConnected(pageA);
    await expectMessageOnce(pageA, 'General', AWAY_1);
    await expectMessageOnce(pageA, 'General', AWAY_2);
    await expectMessageOnce(pageA, 'General', BOB_REPLY);
    await expectMessageOnce(pageA, 'General', 'Hello from Alice (edited on purpose)(edited)');
    await expectMessageOnce(pageB, 'General', OFFLINE_NOTE);
    await expectMessageOnce(pageA, 'General', OFFLINE_NOTE);
    await pending.getByText('Sending…').waitFor({ state: 'detached', ...VISIBLE });
  });

  it('counts unread messages in rooms that are not open', async () => {
    await pageA.getByRole('button', { name: 'New room' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New room' }));
    await dialog.getByLabel('Name').fill('Design');
    await dialog.getByLabel('Topic').fill('Pixels, type and everything in between');
    await dialog.getByRole('button', { name: 'Create room' }).click();
    await visible(composer(pageA, 'Design'));

    await joinFromBrowse(pageB, 'Design');
    await pageB.getByRole('link', { name: 'General' }).click();
    await visible(composer(pageB, 'General'));

    await composer(pageA, 'Design').fill('First design note');
    await composer(pageA, 'Design').press('Enter');
    await visible(pageB.getByRole('link', { name: 'Design 1 unread' }));
    await screenshot(pageB, 'desktop-dark-unread');
    await pageB.getByRole('link', { name: /^Design/ }).click();
    await expectMessageOnce(pageB, 'Design', 'First design note');
    await visible(pageB.getByRole('link', { name: 'Design', exact: true }));
    // The read marker moved on the server too: the count stays gone after a reload.
    await pageB.reload();
    await visible(composer(pageB, 'Design'));
    await visible(pageB.getByRole('link', { name: 'Design', exact: true }));
  });

  it('leaves a room, which goes back to the public list', async () => {
    await pageB.getByRole('button', { name: 'Leave' }).click();
    await pageB.getByRole('link', { name: 'Design', exact: true }).waitFor({ state: 'detached', ...VISIBLE });
    await pageB.getByRole('button', { name: 'Browse rooms' }).click();
    const dialog = await visible(pageB.getByRole('dialog', { name: 'Browse rooms' }));
    await visible(dialog.getByRole('button', { name: 'Join Design' }));
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('opens a direct message with someone found by search', async () => {
    await pageA.getByRole('button', { name: 'New message' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New message' }));
    await dialog.getByLabel('Search people').fill('bob');
    await dialog.getByRole('button', { name: 'Message Bob Okafor' }).click();
    const dm = await visible(pageA.getByRole('textbox', { name: 'Message Bob Okafor' }));
    await dm.fill('Psst, a private hello');
    await dm.press('Enter');
    await expectMessageOnce(pageA, 'Bob Okafor', 'Psst, a private hello');

    // Bob's room list learns of new conversations on its next refresh; a reload is the quickest.
    await pageB.reload();
    await pageB.getByRole('link', { name: /^Alice Martin/ }).click();
    await expectMessageOnce(pageB, 'Alice Martin', 'Psst, a private hello');
  });

  it('invites someone to a private room', async () => {
    await pageA.getByRole('button', { name: 'New room' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New room' }));
    await dialog.getByLabel('Name').fill('Secret plans');
    await dialog.getByLabel('Private').check();
    await screenshot(pageA, 'desktop-light-new-room');
    await dialog.getByRole('button', { name: 'Create room' }).click();
    await visible(composer(pageA, 'Secret plans'));

    await pageA.getByRole('button', { name: 'Invite' }).click();
    const invite = await visible(pageA.getByRole('dialog', { name: 'Invite to Secret plans' }));
    await invite.getByLabel('Search people').fill('bob');
    await visible(invite.getByRole('button', { name: 'Invite Bob Okafor' }));
    await screenshot(pageA, 'desktop-light-invite');
    await invite.getByRole('button', { name: 'Invite Bob Okafor' }).click();
    await visible(invite.getByText('Invited'));
    await invite.getByRole('button', { name: 'Close' }).click();

    await pageB.reload();
    await (await visible(pageB.getByRole('link', { name: 'Secret plans' }))).click();
    await visible(composer(pageB, 'Secret plans'));
  });

  it('previews a public room and pages back through its history', async () => {
    // Three writers keep each under the per-user send budget; 75 messages make two pages.
    const writers = await Promise.all(
      ['carol', 'dave', 'erin'].map(async (username) => {
        const { token } = await apiClient(server.url).auth.register.mutate({ username, password: 'a long enough password' });
        return apiClient(server.url, token);
      }),
    );
    const random = (await writers[0]!.room.list.query()).find((r) => r.name === 'Random');
    if (!random) throw new Error('no Random room');
    for (const writer of writers) await writer.room.join.mutate({ roomId: random.id });
    for (let i = 1; i <= 75; i++) {
      const body = `Seed message ${String(i).padStart(3, '0')}`;
      await writers[i % 3]!.message.send.mutate({ roomId: random.id, body, clientMsgId: `seed-${i}` });
    }

    await pageB.getByRole('button', { name: 'Browse rooms' }).click();
    const dialog = await visible(pageB.getByRole('dialog', { name: 'Browse rooms' }));
    await dialog.getByRole('button', { name: 'Preview Random' }).click();
    await visible(pageB.getByRole('button', { name: 'Join room' }));
    await expectMessageOnce(pageB, 'Random', 'Seed message 075');
    expect(await countMessages(pageB, 'Random', 'Seed message 001')).toBe(0);

    await pageB.getByRole('button', { name: 'Load older messages' }).click();
    await expectMessageOnce(pageB, 'Random', 'Seed message 001');
    const bodies = await messageLog(pageB, 'Random').getByText(/^Seed message \d+$/).allTextContents();
    expect(bodies).toEqual(Array.from({ length: 75 }, (_, i) => `Seed message ${String(i + 1).padStart(3, '0')}`));
    await visible(pageB.getByRole('heading', { name: 'Welcome to Random' }));
  });

  it('takes screenshots of the conversation', async () => {
    await pageA.getByRole('link', { name: /^General/ }).click();
    await pageB.getByRole('link', { name: /^General/ }).click();
    await expectMessageOnce(pageA, 'General', AWAY_2);
    await expectMessageOnce(pageB, 'General', AWAY_2);
    await screenshot(pageA, 'desktop-light');
    await screenshot(pageB, 'desktop-dark');

    const mobile = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await mobile.goto(server.url);
    await visible(mobile.getByRole('button', { name: 'Sign in' }));
    await screenshot(mobile, 'mobile-sign-in');
    await signIn(mobile, server.url, alice);
    await screenshot(mobile, 'mobile-sidebar');
    await mobile.getByRole('link', { name: /^General/ }).click();
    await expectMessageOnce(mobile, 'General', AWAY_2);
    await screenshot(mobile, 'mobile-room');

    mkdirSync(docsScreenshots, { recursive: true });
    for (const name of ['desktop-light', 'desktop-dark', 'mobile-sign-in', 'mobile-sidebar', 'mobile-room']) {
      copyFileSync(join(screenshots, `${name}.png`), join(docsScreenshots, `${name}.png`));
    }
  });

  it('signs out back to the sign-in form', async () => {
    await pageA.getByRole('button', { name: 'Sign out' }).click();
    await visible(pageA.getByRole('button', { name: 'Sign in' }));
    await pageA.reload();
    await visible(pageA.getByRole('button', { name: 'Sign in' }));
  });
});
