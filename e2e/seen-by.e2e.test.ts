import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, messageIdByBody } from './api.ts';
import { controlSockets } from './network.ts';
import { notificationsShown, recordNotifications, setTabHidden } from './notifications.ts';
import { composer, expectConnected, expectMessageOnce, messageLog, roomLink, settled, signIn, signUp, toast, VISIBLE, visible } from './pages.ts';
import { alice, bob, browserStage } from './stage.ts';

const stage = browserStage();
const { newPage, screenshot } = stage;

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const GENERAL = 'General';
// Each one's direct room bears the other's name.
const DM_OF_ALICE = bob.displayName;
const DM_OF_BOB = alice.displayName;

// Shown in the screenshot, so they read like a real conversation.
const QUESTION = 'Are you coming to the demo on Thursday?';
const ANSWER = "Yes! I'll bring the slides.";
const THANKS = 'Great, see you there.';
const LATER = 'One more thing: it is in room 4B.';
const RETRO = "Who's in for the retro at four?";
const RETRO_ON = 'Retro is on: room 2A, bring one thing to keep and one to drop.';

type Client = ReturnType<typeof apiClient>;

async function signedInClient(username: string, password: string): Promise<Client> {
  const { token } = await apiClient(stage.server.url).auth.login.mutate({ username, password });
  return apiClient(stage.server.url, token);
}

/** The room's "Seen by" line, and the message it sits under; null while there is none. */
function seenLine(page: Page, roomName: string) {
  return messageLog(page, roomName).evaluate((log) => {
    const lines = Array.from(log.querySelectorAll('[role=listitem]')).filter((item) => item.textContent?.includes('Seen by'));
    if (lines.length > 1) return { text: `${lines.length} lines`, under: '' };
    const [line] = lines;
    return line ? { text: line.textContent?.replace(/^.*?Seen by/, 'Seen by') ?? '', under: line.previousElementSibling?.textContent ?? '' } : null;
  });
}

async function send(page: Page, textbox: string, body: string) {
  const field = page.getByRole('textbox', { name: textbox });
  await field.fill(body);
  await field.press('Enter');
}

async function openRoom(page: Page, name: string | RegExp, textbox: string) {
  await (await visible(roomLink(page, name))).click();
  await visible(page.getByRole('textbox', { name: textbox }));
}

/** The level checked in the open room's menu, read from the menu itself (then closed again). */
async function checkedLevel(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Room options' }).click();
  const checked = await visible(page.getByRole('group', { name: 'Notifications' }).getByRole('menuitemradio', { checked: true }));
  const label = (await checked.textContent()) ?? '';
  await page.keyboard.press('Escape');
  await checked.waitFor({ state: 'detached', ...VISIBLE });
  return label;
}

describe('"seen by" and notification levels in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsA: Awaited<ReturnType<typeof controlSockets>>;
  let bobApi: Client;
  let carol: Client;
  let generalId: string;
  let dmId: string;
  const idIn = (roomId: string, body: string) => messageIdByBody(bobApi, roomId, body);

  it('signs Alice and Bob up in the browser, and Carol through the API', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    pageB = await newPage({ colorScheme: 'light' });
    await recordNotifications(pageA, stage.server.url);
    socketsA = await controlSockets(pageA);
    stage.onFailureShow(() => `Alice's recent socket frames:\n${socketsA.recentFrames()}`);
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    for (const page of [pageA, pageB]) await visible(composer(page, GENERAL));
    bobApi = await signedInClient(bob.username, bob.password);
    const { token } = await apiClient(stage.server.url).auth.register.mutate({ username: 'carol', displayName: 'Carol Diaz', password: 'a long enough password' });
    carol = apiClient(stage.server.url, token);
    const general = (await carol.room.list.query()).find((r) => r.name === GENERAL);
    if (!general?.joined) throw new Error('Carol is not in General');
    generalId = general.id;
  });

  it('Alice writes to Bob; as he reads it, "Seen by Bob" appears under it for her, live', async () => {
    await pageA.getByRole('button', { name: 'New message' }).click();
    const dialog = await visible(pageA.getByRole('dialog', { name: 'New message' }));
    await dialog.getByLabel('Search people').fill('bob');
    await dialog.getByRole('button', { name: `Message ${bob.displayName}` }).click();
    await visible(pageA.getByRole('textbox', { name: `Message ${DM_OF_ALICE}` }));
    await send(pageA, `Message ${DM_OF_ALICE}`, QUESTION);
    await expectMessageOnce(pageA, DM_OF_ALICE, QUESTION);
    // Bob has not opened it: nobody has seen it yet.
    expect(await seenLine(pageA, DM_OF_ALICE)).toBeNull();

    await openRoom(pageB, new RegExp(`^${DM_OF_BOB}`), `Message ${DM_OF_BOB}`);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(QUESTION) });
    dmId = (await bobApi.room.list.query()).find((r) => r.kind === 'direct')?.id ?? '';

    // Bob's answer is the last message now, and he wrote it: nothing to say under it for Alice.
    await send(pageB, `Message ${DM_OF_BOB}`, ANSWER);
    await expectMessageOnce(pageA, DM_OF_ALICE, ANSWER);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toBeNull();
    // Alice's next one, with Bob looking at the room: the line follows it.
    await send(pageA, `Message ${DM_OF_ALICE}`, THANKS);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(THANKS) });

    // Not a live region: reads are not announced as they happen.
    expect(await messageLog(pageA, DM_OF_ALICE).getByText(`Seen by ${bob.displayName}`).evaluate((line) => line.closest('[aria-live]'))).toBeNull();
    await pageA.mouse.move(0, 0);
    await pageA.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await settled(pageA);
    await screenshot(pageA, 'seen-by');
  });

  it('shows it again after a reload, and catches up on what was read while the sockets were down', async () => {
    await pageA.reload();
    await expectConnected(pageA);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(THANKS) });

    // Bob looks elsewhere; Alice writes again, which nobody has seen yet.
    await openRoom(pageB, GENERAL, `Message #${GENERAL}`);
    await send(pageA, `Message ${DM_OF_ALICE}`, LATER);
    await expectMessageOnce(pageA, DM_OF_ALICE, LATER);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toBeNull();

    // Bob reads it while Alice is away; once his marker is stored, she comes back.
    await socketsA.drop();
    await openRoom(pageB, new RegExp(`^${DM_OF_BOB}`), `Message ${DM_OF_BOB}`);
    const later = await idIn(dmId, LATER);
    const seqOf = async () => (await bobApi.room.list.query()).find((r) => r.id === dmId)?.lastReadSeq;
    const { messages } = await bobApi.message.history.query({ roomId: dmId, limit: 1 });
    expect(messages.at(-1)?.id).toBe(later);
    await expect.poll(seqOf, VISIBLE).toBe(messages.at(-1)?.seq);
    socketsA.restore();
    await expectConnected(pageA);
    await expect.poll(() => seenLine(pageA, DM_OF_ALICE), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(LATER) });
    await expectMessageOnce(pageA, DM_OF_ALICE, LATER);
  });

  it('in a room of three, names both readers; in a room of four, says "everyone" once all have read it', async () => {
    await openRoom(pageA, GENERAL, `Message #${GENERAL}`);
    await openRoom(pageB, GENERAL, `Message #${GENERAL}`);
    await send(pageA, `Message #${GENERAL}`, RETRO);
    await expectMessageOnce(pageB, GENERAL, RETRO);
    await expect.poll(() => seenLine(pageA, GENERAL), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(RETRO) });
    const retro = await idIn(generalId, RETRO);
    await carol.message.markRead.mutate({ roomId: generalId, messageId: retro });
    await expect.poll(() => seenLine(pageA, GENERAL), VISIBLE).toEqual({ text: `Seen by ${bob.displayName} and Carol Diaz`, under: expect.stringContaining(RETRO) });

    // Dave signs up, and so joins General, after the stream began (and without a word to its
    // members); all three read Alice's next message.
    const { token } = await apiClient(stage.server.url).auth.register.mutate({ username: 'dave', displayName: 'Dave Ito', password: 'a long enough password' });
    await send(pageA, `Message #${GENERAL}`, RETRO_ON);
    await expect.poll(() => seenLine(pageA, GENERAL), VISIBLE).toEqual({ text: `Seen by ${bob.displayName}`, under: expect.stringContaining(RETRO_ON) });
    const retroOn = await idIn(generalId, RETRO_ON);
    await carol.message.markRead.mutate({ roomId: generalId, messageId: retroOn });
    await apiClient(stage.server.url, token).message.markRead.mutate({ roomId: generalId, messageId: retroOn });
    await expect.poll(() => seenLine(pageA, GENERAL), VISIBLE).toEqual({ text: 'Seen by everyone', under: expect.stringContaining(RETRO_ON) });
  });

  it('Alice mutes General from the room menu; her other device follows live, and after a reload', async () => {
    const other = await newPage({ colorScheme: 'dark' });
    await signIn(other, stage.server.url, alice);
    await openRoom(other, GENERAL, `Message #${GENERAL}`);
    expect(await checkedLevel(other)).toBe('Mentions and replies');

    await pageA.getByRole('button', { name: 'Room options' }).click();
    const muted = await visible(pageA.getByRole('menuitemradio', { name: 'Muted' }));
    await settled(pageA);
    await screenshot(pageA, 'notification-levels');
    await muted.click();
    await visible(roomLink(pageA, `${GENERAL} (muted)`));
    await expect.poll(() => pageA.evaluate(() => document.activeElement?.getAttribute('aria-label')), VISIBLE).toBe('Room options');

    await visible(roomLink(other, `${GENERAL} (muted)`));
    expect(await checkedLevel(other)).toBe('Muted');
    await other.reload();
    await expectConnected(other);
    await visible(roomLink(other, `${GENERAL} (muted)`));
    expect(await checkedLevel(other)).toBe('Muted');
    await other.context().close();
  });

  it('a level the server never confirms is taken back, saying so', async () => {
    socketsA.holdCalls('room.setNotificationLevel', true);
    await pageA.getByRole('button', { name: 'Room options' }).click();
    await (await visible(pageA.getByRole('menuitemradio', { name: 'Mentions and replies' }))).click();
    // Shown at once, before any answer.
    await visible(roomLink(pageA, GENERAL));
    // The connection is lost with the call unanswered.
    await socketsA.drop();
    socketsA.restore();
    socketsA.holdCalls('room.setNotificationLevel', false);
    await visible(toast(pageA, "Couldn't change notifications for #General: Couldn't reach the server. Check your connection and try again."));
    await visible(roomLink(pageA, `${GENERAL} (muted)`));
    await expectConnected(pageA);
    expect(await checkedLevel(pageA)).toBe('Muted');
  });

  it('muted, General notifies of nothing (a mention neither) and counts quietly; set to all from a phone, it notifies', async () => {
    // Alice's tab is in the background, on her direct room.
    await openRoom(pageA, new RegExp(`^${DM_OF_ALICE}`), `Message ${DM_OF_ALICE}`);
    await setTabHidden(pageA, true);
    await bobApi.message.send.mutate({ roomId: generalId, body: '@alice the build is green', clientMsgId: 'bob-mention' });
    const quiet = await visible(roomLink(pageA, `${GENERAL} (muted) 1 unread`));
    expect(await quiet.evaluate((link) => getComputedStyle(link).fontWeight)).toBe('400');
    await expect.poll(() => pageA.title(), VISIBLE).toBe(`${DM_OF_ALICE} · Chat`);
    await screenshot(pageA, 'muted-room');

    // The menu is within reach on a phone too.
    const phone = await newPage(PHONE);
    await signIn(phone, stage.server.url, alice);
    await phone.evaluate((id) => (location.hash = `#/room/${id}`), generalId);
    await (await visible(phone.getByRole('button', { name: 'Room options' }))).tap();
    await visible(phone.getByRole('menuitemradio', { name: 'Muted', checked: true }));
    await phone.getByRole('menuitemradio', { name: 'All messages' }).tap();
    expect(await checkedLevel(phone)).toBe('All messages');

    // No longer muted (its unread count depends on whether the phone has read General yet).
    await visible(roomLink(pageA, new RegExp(`^${GENERAL}(?! \\(muted\\))`)));
    await bobApi.message.send.mutate({ roomId: generalId, body: 'Deploying now.', clientMsgId: 'bob-deploy' });
    await expect.poll(() => notificationsShown(pageA), VISIBLE).toEqual([`${bob.displayName} in #${GENERAL}: Deploying now.`]);
    await setTabHidden(pageA, false);
    await phone.context().close();
    stage.publishScreenshots(['seen-by']);
  });
});
