import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from './api.ts';
import { controlSockets } from './network.ts';
import { alice, bob, browserStage } from './stage.ts';
import {
  bodiesThroughout,
  composer,
  connection,
  countMessages,
  expectConnected,
  expectMessageOnce,
  focusVisible,
  inViewport,
  joinFromBrowse,
  messageItem,
  messageLog,
  scrollMessages,
  signIn,
  signUp,
  tabTo,
  VISIBLE,
  visible,
} from './pages.ts';

// Shown in the screenshots, so they read like a real conversation.
const BOB_REPLY = 'Hi Alice! Bob here.\nShall we go over the **release notes** after lunch?';
const AWAY_1 = 'I drafted the summary while you were away.';
const AWAY_2 = "It's in the shared folder, have a look when you can.";
const OFFLINE_NOTE = 'Back on the train: reading it now!';
const TUNNEL_NOTE = 'Sent just before the tunnel.';
const RESTART_BOB = 'Did the server just blink?';
const RESTART_ALICE = 'It did, but nothing got lost.';
const DOWN_NOTE = 'Written while the server was down, and reloaded.';

// Unsigned sockets live a second here, so a sign-in page that held one would show it.
const stage = browserStage({ limits: { wsUnsignedTimeoutMs: 1_000 } });
const { newPage, screenshot } = stage;

async function openSearchHit(page: Page, text: string) {
  await page.getByRole('button', { name: 'Search messages' }).click();
  const search = await visible(page.getByRole('dialog', { name: 'Search messages' }));
  await search.getByLabel('Search messages').fill(text);
  await (await visible(search.getByRole('button', { name: new RegExp(`Random.*${text}`) }))).click();
}

/** Every browser dialog (alert, confirm) a page opens; an XSS payload that ran would show up here. */
function recordDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

describe('two people chatting in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsA: Awaited<ReturnType<typeof controlSockets>>;
  let dialogsB: string[];
  let secretRoomUrl: string;

  it('holds no socket open while signed out: the sign-in page stays quiet past the unsigned-socket timeout', async () => {
    const page = await newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(stage.server.url);
    await visible(page.getByLabel('Username'));
    await page.waitForTimeout(2_500);
    expect(sockets).toEqual([]);
    expect(await connection(page).textContent()).toBe('Ready');
    await page.close();
  });

  it('signs both up and opens General for both', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    socketsA = await controlSockets(pageA);
    stage.onFailureShow(() => `Alice's recent socket frames:\n${socketsA.recentFrames()}`);
    pageB = await newPage({ colorScheme: 'dark' });
    dialogsB = recordDialogs(pageB);
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    for (const page of [pageA, pageB]) {
      await visible(composer(page, 'General'));
      await visible(page.getByRole('link', { name: 'General' }));
      expect(await page.getByRole('link', { name: 'General' }).getAttribute('aria-current')).toBe('page');
    }
    await screenshot(pageA, 'desktop-light-empty');
  });

  it('explains a taken username, a short password and a wrong password', async () => {
    const page = await newPage();
    await page.goto(stage.server.url);
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

  it('delivers messages live both ways, once each, and announces them', async () => {
    await composer(pageA, 'General').fill('Hello from Alice 👋');
    await composer(pageA, 'General').press('Enter');
    await expectMessageOnce(pageA, 'General', 'Hello from Alice 👋');
    await expectMessageOnce(pageB, 'General', 'Hello from Alice 👋');
    await expect.poll(() => pageB.getByRole('status', { name: 'New messages' }).textContent(), VISIBLE).toBe('Alice Martin: Hello from Alice 👋');

    await composer(pageB, 'General').fill(BOB_REPLY);
    await pageB.getByRole('button', { name: 'Send' }).click();
    await visible(messageLog(pageA, 'General').getByText('release notes', { exact: true }));
    expect(await messageItem(pageA, 'General', 'Shall we go over').count()).toBe(1);
    expect(await messageItem(pageA, 'General', 'Shall we go over').locator('strong').textContent()).toBe('release notes');
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

  it('renders Markdown links safely and leaves HTML and script links inert', async () => {
    await composer(pageA, 'General').fill('Notes are [in the wiki](https://example.com/wiki) — `npm start` to try');
    await composer(pageA, 'General').press('Enter');
    const link = await visible(messageLog(pageB, 'General').getByRole('link', { name: 'in the wiki' }));
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    for (const payload of ['<img src=x onerror=alert(1)>', '[click me](javascript:alert(2))', '<script>alert(3)</script>']) {
      await composer(pageA, 'General').fill(payload);
      await composer(pageA, 'General').press('Enter');
    }
    await visible(messageLog(pageB, 'General').getByText('<img src=x onerror=alert(1)>'));
    await visible(messageLog(pageB, 'General').getByText('click me'));
    await visible(messageLog(pageB, 'General').getByText('<script>alert(3)</script>'));
    expect(await pageB.locator('img[onerror], a[href^="javascript"], main script').count()).toBe(0);
    await messageLog(pageB, 'General').getByText('click me').click();
    await pageB.waitForTimeout(200);
    expect(dialogsB).toEqual([]);
  });

  it('edits and deletes, live on the other side; Up edits my last message and Escape cancels', async () => {
    const mine = messageItem(pageA, 'General', 'Hello from Alice 👋');
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit message' }).click();
    const editor = pageA.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Hello from Alice (edited on purpose)');
    await editor.press('Enter');
    await visible(messageLog(pageB, 'General').getByText('Hello from Alice (edited on purpose)'));
    await visible(messageItem(pageB, 'General', 'Hello from Alice (edited on purpose)').getByText('(edited)'));

    await composer(pageA, 'General').press('ArrowUp');
    await expect.poll(() => pageA.getByRole('textbox', { name: 'Edit message' }).inputValue(), VISIBLE).toBe('<script>alert(3)</script>');
    await pageA.getByRole('textbox', { name: 'Edit message' }).press('Escape');
    await pageA.getByRole('textbox', { name: 'Edit message' }).waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => pageA.evaluate(() => document.activeElement?.getAttribute('placeholder')), VISIBLE).toBe('Message #General');

    const line = messageItem(pageA, 'General', 'Line one');
    await line.hover();
    await line.getByRole('button', { name: 'Delete message' }).click();
    await line.getByRole('button', { name: 'Confirm delete' }).click();
    await visible(messageLog(pageB, 'General').getByText('message deleted'));
    expect(await countMessages(pageB, 'General', 'Line one\nline two')).toBe(0);
  });

  it('suggests people to @mention and highlights mentions of me', async () => {
    const box = composer(pageB, 'General');
    await box.pressSequentially('Thanks @ali');
    await visible(pageB.getByRole('option', { name: /Alice Martin/ }));
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Thanks @alice ');
    await box.pressSequentially('for the notes');
    await box.press('Enter');
    const mention = messageItem(pageA, 'General', 'for the notes').locator('[data-mention="alice"]');
    await visible(mention);
    expect(await mention.textContent()).toBe('@alice');
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
    const pending = messageItem(pageA, 'General', OFFLINE_NOTE);
    await visible(pending.getByText('Waiting for connection…'));

    socketsA.restore();
    await pageA.context().setOffline(false);
    await expectConnected(pageA);
    await expectMessageOnce(pageA, 'General', AWAY_1);
    await expectMessageOnce(pageA, 'General', AWAY_2);
    await expectMessageOnce(pageA, 'General', 'Hello from Alice (edited on purpose)');
    await expectMessageOnce(pageB, 'General', OFFLINE_NOTE);
    await expectMessageOnce(pageA, 'General', OFFLINE_NOTE);
    await pending.getByText(/Waiting for connection…|Sending…/).waitFor({ state: 'detached', ...VISIBLE });
  });

  it('keeps a message the server never answered through a reload, and sends it once', async () => {
    socketsA.holdSends(true);
    await composer(pageA, 'General').fill(TUNNEL_NOTE);
    await composer(pageA, 'General').press('Enter');
    await visible(messageItem(pageA, 'General', TUNNEL_NOTE).getByText('Sending…'));

    await pageA.reload();
    await visible(messageItem(pageA, 'General', TUNNEL_NOTE).getByText('Sending…'));
    expect(await countMessages(pageB, 'General', TUNNEL_NOTE)).toBe(0);

    // A fresh connection that lets sends through: the outbox sends it again, with the same clientMsgId.
    socketsA.holdSends(false);
    await socketsA.drop();
    socketsA.restore();
    await expectMessageOnce(pageB, 'General', TUNNEL_NOTE);
    await expectMessageOnce(pageA, 'General', TUNNEL_NOTE);
    await messageItem(pageA, 'General', TUNNEL_NOTE).getByText('Sending…').waitFor({ state: 'detached', ...VISIBLE });
  });

  it('survives a server restart mid-conversation: the banner shows it, nothing is lost or doubled', async () => {
    const restartServer = await stage.stopServer();
    for (const page of [pageA, pageB]) await expect.poll(() => connection(page).textContent(), VISIBLE).toBe('Reconnecting…');
    await visible(pageA.getByText(/Next try in \d+ seconds?/));

    await composer(pageB, 'General').fill(RESTART_BOB);
    await composer(pageB, 'General').press('Enter');
    await composer(pageA, 'General').fill(RESTART_ALICE);
    await composer(pageA, 'General').press('Enter');
    await visible(messageItem(pageA, 'General', RESTART_ALICE).getByText('Waiting for connection…'));

    await restartServer();
    await expectConnected(pageA);
    await expectConnected(pageB);
    for (const page of [pageA, pageB]) {
      await expectMessageOnce(page, 'General', RESTART_BOB);
      await expectMessageOnce(page, 'General', RESTART_ALICE);
      await expectMessageOnce(page, 'General', AWAY_2);
    }
  });

  it('starts from the last visit when reloaded while the server is down, and sends what was typed once it is back', async () => {
    const restartServer = await stage.stopServer();
    await expect.poll(() => connection(pageA).textContent(), VISIBLE).toBe('Reconnecting…');
    await composer(pageA, 'General').fill(DOWN_NOTE);
    await composer(pageA, 'General').press('Enter');
    await visible(messageItem(pageA, 'General', DOWN_NOTE).getByText('Waiting for connection…'));

    await pageA.reload();
    await visible(pageA.getByRole('link', { name: /^General/ }));
    await expectMessageOnce(pageA, 'General', RESTART_BOB);
    await visible(messageItem(pageA, 'General', DOWN_NOTE).getByText('Waiting for connection…'));
    expect(await pageA.getByText('Loading your chats…').count()).toBe(0);

    await restartServer();
    await expectConnected(pageA);
    await expectMessageOnce(pageB, 'General', DOWN_NOTE);
    await expectMessageOnce(pageA, 'General', DOWN_NOTE);
  });

  it('counts unread messages in rooms that are not open, in the sidebar and the title', async () => {
    await pageA.getByRole('button', { name: 'New room' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New room' }));
    await dialog.getByLabel('Name').fill('Design');
    await dialog.getByLabel('Topic').fill('Pixels, type and everything in between');
    await dialog.getByRole('button', { name: 'Create room' }).click();
    await visible(composer(pageA, 'Design'));

    await visible(pageA.getByRole('button', { name: 'Members (1)' }));
    await joinFromBrowse(pageB, 'Design');
    // The member count in Alice's header follows Bob's join at once.
    await visible(pageA.getByRole('button', { name: 'Members (2)' }));
    await pageB.getByRole('link', { name: 'General' }).click();
    await visible(composer(pageB, 'General'));

    await composer(pageA, 'Design').fill('First design note');
    await composer(pageA, 'Design').press('Enter');
    await visible(pageB.getByRole('link', { name: 'Design 1 unread' }));
    await expect.poll(() => pageB.title(), VISIBLE).toBe('(1) #General · Chat');
    await screenshot(pageB, 'desktop-dark-unread');
    await pageB.getByRole('link', { name: /^Design/ }).click();
    await expectMessageOnce(pageB, 'Design', 'First design note');
    await visible(pageB.getByRole('link', { name: 'Design', exact: true }));
    await expect.poll(() => pageB.title(), VISIBLE).toBe('#Design · Chat');
    // The read marker moved on the server too: the count stays gone after a reload.
    await pageB.reload();
    await visible(composer(pageB, 'Design'));
    await visible(pageB.getByRole('link', { name: 'Design', exact: true }));
  });

  it('puts the "New messages" divider at the read marker, whatever happened to the unread since', async () => {
    await composer(pageA, 'Design').fill('Before the break');
    await composer(pageA, 'Design').press('Enter');
    await expectMessageOnce(pageB, 'Design', 'Before the break');
    // Bob has read it; leaving the room sends his read marker along.
    await pageB.getByRole('link', { name: /^General/ }).click();
    await visible(composer(pageB, 'General'));

    await composer(pageA, 'Design').fill('First after the break');
    await composer(pageA, 'Design').press('Enter');
    await composer(pageA, 'Design').fill('Oops, wrong room');
    await composer(pageA, 'Design').press('Enter');
    const oops = messageItem(pageA, 'Design', 'Oops, wrong room');
    await oops.hover();
    await oops.getByRole('button', { name: 'Delete message' }).click();
    await oops.getByRole('button', { name: 'Confirm delete' }).click();
    await visible(messageItem(pageA, 'Design', 'message deleted'));
    await visible(pageB.getByRole('link', { name: /^Design \d+ unread$/ }));

    await pageB.getByRole('link', { name: /^Design/ }).click();
    await visible(messageLog(pageB, 'Design').getByRole('listitem', { name: 'New messages' }));
    const items = await messageLog(pageB, 'Design').getByRole('listitem').allTextContents();
    const divider = items.indexOf('New messages');
    expect(items[divider + 1]).toContain('First after the break');
    expect(items[divider - 1]).toContain('Before the break');
  });

  it('leaves a room, which goes back to the public list', async () => {
    await pageB.getByRole('button', { name: 'Leave' }).click();
    await pageB.getByRole('link', { name: 'Design', exact: true }).waitFor({ state: 'detached', ...VISIBLE });
    await pageB.getByRole('button', { name: 'Browse rooms' }).click();
    const dialog = await visible(pageB.getByRole('dialog', { name: 'Browse rooms' }));
    await visible(dialog.getByRole('button', { name: 'Join Design' }));
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('opens a direct message, which appears for the other person at once', async () => {
    await pageA.getByRole('button', { name: 'New message' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New message' }));
    await dialog.getByLabel('Search people').fill('bob');
    await dialog.getByRole('button', { name: 'Message Bob Okafor' }).click();
    const dm = await visible(pageA.getByRole('textbox', { name: 'Message Bob Okafor' }));
    await dm.fill('Psst, a private hello');
    await dm.press('Enter');
    await expectMessageOnce(pageA, 'Bob Okafor', 'Psst, a private hello');

    await (await visible(pageB.getByRole('link', { name: /^Alice Martin/ }))).click();
    await expectMessageOnce(pageB, 'Alice Martin', 'Psst, a private hello');
  });

  it('invites someone to a private room, which appears for them at once', async () => {
    await pageA.getByRole('button', { name: 'New room' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New room' }));
    await dialog.getByLabel('Name').fill('Secret plans');
    await dialog.getByLabel('Private').check();
    await screenshot(pageA, 'desktop-light-new-room');
    await dialog.getByRole('button', { name: 'Create room' }).click();
    await visible(composer(pageA, 'Secret plans'));
    secretRoomUrl = pageA.url();
    await composer(pageA, 'Secret plans').fill('The launch codes are in the vault.');
    await composer(pageA, 'Secret plans').press('Enter');
    await expectMessageOnce(pageA, 'Secret plans', 'The launch codes are in the vault.');

    await pageA.getByRole('button', { name: 'Invite' }).click();
    const invite = await visible(pageA.getByRole('dialog', { name: 'Invite to Secret plans' }));
    await invite.getByLabel('Search people').fill('bob');
    await visible(invite.getByRole('button', { name: 'Invite Bob Okafor' }));
    await screenshot(pageA, 'desktop-light-invite');
    await invite.getByRole('button', { name: 'Invite Bob Okafor' }).click();
    await visible(invite.getByText('Invited'));
    await invite.getByRole('button', { name: 'Close' }).click();

    await (await visible(pageB.getByRole('link', { name: 'Secret plans' }))).click();
    await expectMessageOnce(pageB, 'Secret plans', 'The launch codes are in the vault.');
  });

  it('never shows a private room to someone outside it', async () => {
    const outsider = await newPage();
    await signUp(outsider, stage.server.url, { username: 'oscar', displayName: 'Oscar Outside', password: 'yet another password' });
    await visible(composer(outsider, 'General'));
    expect(await outsider.getByRole('link', { name: 'Secret plans' }).count()).toBe(0);

    await outsider.getByRole('button', { name: 'Browse rooms' }).click();
    const browse = await visible(outsider.getByRole('dialog', { name: 'Browse rooms' }));
    await visible(browse.getByRole('button', { name: 'Join Design' }));
    expect(await browse.getByText('Secret plans').count()).toBe(0);
    await browse.getByRole('button', { name: 'Close' }).click();

    await outsider.getByRole('button', { name: 'Search messages' }).click();
    const search = await visible(outsider.getByRole('dialog', { name: 'Search messages' }));
    await search.getByLabel('Search messages').fill('vault');
    await visible(search.getByText('No messages match “vault”.'));
    await search.getByRole('button', { name: 'Close' }).click();

    await outsider.goto(`${stage.server.url}/${new URL(secretRoomUrl).hash}`);
    await visible(outsider.getByRole('heading', { name: 'Room not found' }));
    expect(await outsider.getByText('The launch codes are in the vault.').count()).toBe(0);
    await outsider.context().close();
  });

  it('previews a public room and pages back through its history', async () => {
    // Three writers keep each under the per-user send budget; 75 messages make two pages.
    const writers = await Promise.all(
      ['carol', 'dave', 'erin'].map(async (username) => {
        const { token } = await apiClient(stage.server.url).auth.register.mutate({ username, password: 'a long enough password' });
        return apiClient(stage.server.url, token);
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

    // Scrolled to the top, the older page is read by itself, above the reader: up again to see it.
    await expect
      .poll(async () => {
        await scrollMessages(pageB, 'Random', 'top');
        return countMessages(pageB, 'Random', 'Seed message 001');
      }, VISIBLE)
      .toBe(1);
    await visible(pageB.getByRole('heading', { name: 'Welcome to Random' }));
    const bodies = await bodiesThroughout(pageB, 'Random', /^Seed message \d+$/);
    expect(bodies).toEqual(Array.from({ length: 75 }, (_, i) => `Seed message ${String(i + 1).padStart(3, '0')}`));
  });

  it('keeps history and the scroll position across a reload', async () => {
    await scrollMessages(pageB, 'Random', 'top');
    const anchor = messageLog(pageB, 'Random').getByText('Seed message 005', { exact: true });
    await anchor.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await visible(pageB.getByRole('button', { name: 'Jump to latest' }));
    // Let the scroll handler record the place.
    await pageB.waitForTimeout(300);

    await pageB.reload();
    await expectMessageOnce(pageB, 'Random', 'Seed message 005');
    await expect.poll(() => inViewport(messageLog(pageB, 'Random').getByText('Seed message 005', { exact: true })), VISIBLE).toBe(true);
    expect(await inViewport(messageLog(pageB, 'Random').getByText('Seed message 075', { exact: true }))).toBe(false);

    await pageB.getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => inViewport(messageLog(pageB, 'Random').getByText('Seed message 075', { exact: true })), VISIBLE).toBe(true);
  });

  it('finds an old message by search and opens the room around it, without the pages in between', async () => {
    await openSearchHit(pageA, 'Seed message 003');
    const log = messageLog(pageA, 'Random');
    await expect.poll(() => inViewport(log.getByText('Seed message 003', { exact: true })), VISIBLE).toBe(true);
    await expectMessageOnce(pageA, 'Random', 'Seed message 004');
    expect(await countMessages(pageA, 'Random', 'Seed message 075')).toBe(0);

    // "Jump to latest" goes back to the live end, where new messages arrive.
    await pageA.getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => inViewport(log.getByText('Seed message 075', { exact: true })), VISIBLE).toBe(true);
    expect(await countMessages(pageA, 'Random', 'Seed message 001')).toBe(0);
    const { token } = await apiClient(stage.server.url).auth.register.mutate({ username: 'frank', password: 'a long enough password' });
    const frank = apiClient(stage.server.url, token);
    const random = (await frank.room.list.query()).find((r) => r.name === 'Random');
    await frank.room.join.mutate({ roomId: random!.id });
    await frank.message.send.mutate({ roomId: random!.id, body: 'Live after the jump', clientMsgId: 'frank-1' });
    await expectMessageOnce(pageA, 'Random', 'Live after the jump');
  });

  it('reads newer pages when scrolling down from a search hit, keeping the view in place', async () => {
    await openSearchHit(pageA, 'Seed message 003');
    const log = messageLog(pageA, 'Random');
    await expect.poll(() => inViewport(log.getByText('Seed message 003', { exact: true })), VISIBLE).toBe(true);
    expect(await countMessages(pageA, 'Random', 'Seed message 075')).toBe(0);

    // The window around the hit ends short of the newest; at its bottom edge the next page is read
    // below the reader, who stays where they were.
    socketsA.delayHistory(true);
    await scrollMessages(pageA, 'Random', 'bottom');
    const lastLoaded = (await log.getByText(/^Seed message \d+$/).allTextContents()).at(-1) ?? '';
    const edge = log.getByText(lastLoaded, { exact: true });
    expect(await inViewport(edge)).toBe(true);
    socketsA.delayHistory(false);
    await expect.poll(() => log.getByText(/^Seed message \d+$/).allTextContents().then((texts) => texts.at(-1)), VISIBLE).not.toBe(lastLoaded);
    expect(await inViewport(edge)).toBe(true);
    expect(await inViewport(log.getByText('Seed message 075', { exact: true }))).toBe(false);
    const bodies = await bodiesThroughout(pageA, 'Random', /^Seed message \d+$/);
    expect(bodies).toEqual(Array.from({ length: 75 }, (_, i) => `Seed message ${String(i + 1).padStart(3, '0')}`));
    await expectMessageOnce(pageA, 'Random', 'Live after the jump');
  });

  it('works from the keyboard alone: sign in, switch rooms, send', async () => {
    const page = await newPage();
    await page.goto(stage.server.url);
    await visible(page.getByLabel('Username'));
    await tabTo(page, 'Username');
    await page.keyboard.type(alice.username);
    await tabTo(page, 'Password');
    await page.keyboard.type(alice.password);
    await page.keyboard.press('Enter');
    await expectConnected(page);

    // The room list first: before it arrives, Tab would have only the timeline to go through.
    await visible(page.getByRole('link', { name: /^Design/ }));
    await tabTo(page, 'Design');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await visible(composer(page, 'Design'));
    await tabTo(page, 'Message #Design');
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Enter');
    await expectMessageOnce(page, 'Design', 'Typed without a mouse.');

    // A dialog opened from the keyboard gives focus back to what opened it when it closes.
    await tabTo(page, 'New room');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('dialog', { name: 'New room' }));
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New room' }).waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), VISIBLE).toBe('New room');
    await page.context().close();
  });

  it('takes screenshots of the conversation', async () => {
    await pageA.getByRole('link', { name: /^General/ }).click();
    await pageB.getByRole('link', { name: /^General/ }).click();
    await expectMessageOnce(pageA, 'General', AWAY_2);
    await expectMessageOnce(pageB, 'General', AWAY_2);
    await pageA.mouse.move(0, 0);
    await pageB.mouse.move(0, 0);
    await screenshot(pageA, 'desktop-light');
    await screenshot(pageB, 'desktop-dark');
  });

  it('works on a phone: the sidebar is a drawer', async () => {
    const mobile = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await mobile.goto(stage.server.url);
    await visible(mobile.getByRole('button', { name: 'Sign in' }));
    await screenshot(mobile, 'mobile-sign-in');
    await signIn(mobile, stage.server.url, alice);
    await mobile.getByRole('link', { name: /^General/ }).waitFor({ state: 'hidden', ...VISIBLE });
    await expectMessageOnce(mobile, 'General', AWAY_2);
    await screenshot(mobile, 'mobile-room');

    await mobile.getByRole('button', { name: 'Open conversations' }).tap();
    const drawer = await visible(mobile.getByRole('dialog', { name: 'Conversations' }));
    await visible(drawer.getByRole('link', { name: /^Design/ }));
    await screenshot(mobile, 'mobile-sidebar');
    await drawer.getByRole('link', { name: /^Design/ }).tap();
    await drawer.waitFor({ state: 'detached', ...VISIBLE });
    await composer(mobile, 'Design').fill('Sent from my phone');
    await mobile.getByRole('button', { name: 'Send' }).tap();
    await expectMessageOnce(mobile, 'Design', 'Sent from my phone');

    stage.publishScreenshots(['desktop-light', 'desktop-dark', 'desktop-dark-unread', 'mobile-sign-in', 'mobile-sidebar', 'mobile-room']);
  });

  it('shows who is online in the members list, as it changes', async () => {
    await pageA.getByRole('link', { name: 'General' }).click();
    await visible(composer(pageA, 'General'));
    await pageA.getByRole('button', { name: /^Members \(\d+\)$/ }).click();
    const members = await visible(pageA.getByRole('dialog', { name: 'Members of General' }));
    const row = (name: string) => members.getByRole('listitem').filter({ hasText: name });
    await visible(row('Bob Okafor').getByText('Online', { exact: true }));

    // A newcomer signs up (and so joins General); the open list learns it from the server's
    // push, well before its once-a-minute refresh.
    const ginaPage = await newPage();
    await signUp(ginaPage, stage.server.url, { username: 'gina', displayName: 'Gina Park', password: 'a third good password' });
    await row('Gina Park').getByText('Online', { exact: true }).waitFor({ timeout: 10_000 });
    await ginaPage.context().close();
    await row('Gina Park').getByText('Offline', { exact: true }).waitFor({ timeout: 10_000 });
    await visible(row('Bob Okafor').getByText('Online', { exact: true }));
    await pageA.keyboard.press('Escape');
  });

  it('signs out back to the sign-in form', async () => {
    await pageA.getByRole('button', { name: 'Sign out' }).click();
    await visible(pageA.getByRole('button', { name: 'Sign in' }));
    await pageA.reload();
    await visible(pageA.getByRole('button', { name: 'Sign in' }));
  });
});
