import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient, messageIdByBody } from './api.ts';
import { controlSockets } from './network.ts';
import { alice, bob, browserStage } from './stage.ts';
import {
  composer,
  expectConnected,
  expectMessageOnce,
  inViewport,
  messageByText,
  messageLog,
  PHONE,
  reactionsOf,
  settled,
  signIn,
  signUp,
  tabTo,
  threadPanel,
  VISIBLE,
  visible,
} from './pages.ts';

const stage = browserStage();
const { newPage, screenshot } = stage;

const ROOM = 'General';
const CAROL = 'Carol Diaz';

// Shown in the screenshots, so they read like a real conversation.
const QUESTION = 'Shall we ship the release on Friday?';
const BOB_REPLY = "Friday works. I'll draft the release notes.";
const ALICE_IN_THREAD = "Great, I'll book the demo room for Thursday.";
const CAROL_IN_THREAD = 'Count me in for the demo.';
const PHONE_ROOT = 'Lunch at the noodle place at noon?';

type Client = ReturnType<typeof apiClient>;

const focusedIn = (scope: Locator) => scope.evaluate((element) => element.contains(document.activeElement));
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** Opens a message's action toolbar the way a mouse does, and presses one of its buttons. */
async function act(message: Locator, action: string) {
  await message.hover();
  await message.getByRole('button', { name: action, exact: true }).click();
}

describe('reactions, replies, threads and pins in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsB: Awaited<ReturnType<typeof controlSockets>>;
  let carol: Client;
  let roomId: string;
  const log = (page: Page) => messageLog(page, ROOM);
  const question = (page: Page) => messageByText(log(page), QUESTION);
  const idOf = (body: string) => messageIdByBody(carol, roomId, body);

  it('signs Alice and Bob up in the browser, and Carol through the API', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    pageB = await newPage({ colorScheme: 'light' });
    socketsB = await controlSockets(pageB);
    stage.onFailureShow(() => `Bob's recent socket frames:\n${socketsB.recentFrames()}`);
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    const { token } = await apiClient(stage.server.url).auth.register.mutate({ username: 'carol', displayName: CAROL, password: 'a long enough password' });
    carol = apiClient(stage.server.url, token);
    const general = (await carol.room.list.query()).find((r) => r.name === ROOM);
    if (!general) throw new Error('no General room');
    roomId = general.id;
    if (!general.joined) await carol.room.join.mutate({ roomId });
    for (const page of [pageA, pageB]) await visible(composer(page, ROOM));
  });

  it('Alice reacts from the picker, Bob sees it live and adds his own', async () => {
    await composer(pageA, ROOM).fill(QUESTION);
    await composer(pageA, ROOM).press('Enter');
    await visible(question(pageB));

    await act(question(pageA), 'Add reaction');
    const picker = await visible(pageA.getByRole('dialog', { name: 'Choose a reaction' }));
    await picker.getByRole('button', { name: 'thumbs up' }).click();
    await picker.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => focusedName(pageA), VISIBLE).toBe('Add reaction');
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 1: Alice Martin (mine)']);
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(['👍 1: Alice Martin']);

    await question(pageB).getByRole('button', { name: /^👍 1/ }).click();
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(['👍 2: Alice Martin, Bob Okafor (mine)']);
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 2: Alice Martin, Bob Okafor (mine)']);

    const messageId = await idOf(QUESTION);
    await carol.message.react.mutate({ messageId, emoji: '👍' });
    await carol.message.react.mutate({ messageId, emoji: '🎉' });
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(['👍 3: Alice Martin, Bob Okafor, Carol Diaz (mine)', '🎉 1: Carol Diaz']);
    // Bob takes his back, and puts it back again: a toggle, never a second reaction.
    await question(pageB).getByRole('button', { name: /^👍 3/ }).click();
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 2: Alice Martin, Carol Diaz (mine)', '🎉 1: Carol Diaz']);
    await question(pageB).getByRole('button', { name: /^👍 2/ }).click();
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 3: Alice Martin, Carol Diaz, Bob Okafor (mine)', '🎉 1: Carol Diaz']);
  });

  it('counts right after a reload, and after the sockets drop and come back, with nothing doubled', async () => {
    const expected = ['👍 3: Alice Martin, Carol Diaz, Bob Okafor (mine)', '🎉 1: Carol Diaz'];
    await pageB.reload();
    await expectConnected(pageB);
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(expected);

    await socketsB.drop();
    // While Bob is away: Alice takes hers back, Carol adds one, and Alice adds another.
    const messageId = await idOf(QUESTION);
    await question(pageA).getByRole('button', { name: /^👍 3/ }).click();
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 2: Carol Diaz, Bob Okafor', '🎉 1: Carol Diaz']);
    await carol.message.react.mutate({ messageId, emoji: '🚀' });
    await act(question(pageA), 'Add reaction');
    await pageA.getByRole('dialog', { name: 'Choose a reaction' }).getByRole('button', { name: 'party popper' }).click();
    socketsB.restore();
    await expectConnected(pageB);
    const after = ['👍 2: Carol Diaz, Bob Okafor (mine)', '🎉 2: Carol Diaz, Alice Martin', '🚀 1: Carol Diaz'];
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(after);
    await expectMessageOnce(pageB, ROOM, QUESTION);

    // And once more through a reload, from what the page saved plus what it replays.
    await pageB.reload();
    await expectConnected(pageB);
    await expect.poll(() => reactionsOf(question(pageB)), VISIBLE).toEqual(after);
    await expect.poll(() => reactionsOf(question(pageA)), VISIBLE).toEqual(['👍 2: Carol Diaz, Bob Okafor', '🎉 2: Carol Diaz, Alice Martin (mine)', '🚀 1: Carol Diaz']);

    // The screenshot: a message with several reactions, and the picker open over it.
    await act(question(pageA), 'Add reaction');
    await visible(pageA.getByRole('dialog', { name: 'Choose a reaction' }));
    await screenshot(pageA, 'reactions');
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('dialog', { name: 'Choose a reaction' }).waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => focusedName(pageA), VISIBLE).toBe('Add reaction');
  });

  it('Bob replies with a quote; the thread opens beside the room and follows both of them live', async () => {
    await act(question(pageB), 'Reply');
    const replying = await visible(pageB.getByText(`Replying to Alice Martin: ${QUESTION}`));
    expect(await composer(pageB, ROOM).evaluate((field) => field === document.activeElement)).toBe(true);
    await composer(pageB, ROOM).press('Escape');
    await replying.waitFor({ state: 'detached', ...VISIBLE });
    await act(question(pageB), 'Reply');
    await composer(pageB, ROOM).fill(BOB_REPLY);
    await composer(pageB, ROOM).press('Enter');

    // Shown in the room with the quote of what it answers, and counted on the question.
    for (const page of [pageA, pageB]) {
      const reply = await visible(messageByText(log(page), BOB_REPLY));
      await visible(reply.getByRole('button', { name: `In reply to Alice Martin: ${QUESTION}, open the thread` }));
      await visible(question(page).getByRole('button', { name: '1 reply', exact: true }));
    }
    await expectMessageOnce(pageA, ROOM, BOB_REPLY);

    await question(pageA).getByRole('button', { name: '1 reply', exact: true }).click();
    const panelA = await visible(threadPanel(pageA));
    await expect.poll(() => focusedIn(panelA), VISIBLE).toBe(true);
    // Beside the room, which stays in view.
    const box = await panelA.boundingBox();
    expect(box && box.x > 640 && box.width < 640).toBe(true);
    expect(await inViewport(question(pageA))).toBe(true);
    await visible(messageByText(panelA, QUESTION));
    await visible(panelA.getByRole('listitem', { name: 'New replies' }));
    expect(await panelA.getByRole('listitem').filter({ hasText: BOB_REPLY }).count()).toBe(1);

    await panelA.getByRole('textbox', { name: 'Reply in thread' }).fill(ALICE_IN_THREAD);
    await panelA.getByRole('textbox', { name: 'Reply in thread' }).press('Enter');
    await visible(messageByText(panelA, ALICE_IN_THREAD));
    await visible(question(pageB).getByRole('button', { name: '2 replies', exact: true }));

    // Bob opens it: Alice's reply is new to him, his own is not.
    await question(pageB).getByRole('button', { name: '2 replies', exact: true }).click();
    const panelB = await visible(threadPanel(pageB));
    const dividerThenReply = panelB.getByRole('listitem', { name: 'New replies' }).locator('xpath=following-sibling::*[1]');
    expect(await dividerThenReply.textContent()).toContain(ALICE_IN_THREAD);

    // Live both ways: a reply from Carol, a reaction from Alice.
    await carol.message.send.mutate({ roomId, body: CAROL_IN_THREAD, clientMsgId: 'carol-thread', replyToId: await idOf(QUESTION) });
    await visible(messageByText(panelB, CAROL_IN_THREAD));
    await visible(messageByText(panelA, CAROL_IN_THREAD));
    await act(messageByText(panelA, BOB_REPLY), 'Add reaction');
    await pageA.getByRole('dialog', { name: 'Choose a reaction' }).getByRole('button', { name: 'red heart' }).click();
    await expect.poll(() => reactionsOf(messageByText(panelB, BOB_REPLY)), VISIBLE).toEqual(['❤️ 1: Alice Martin']);
    await expect.poll(() => reactionsOf(messageByText(log(pageB), BOB_REPLY)), VISIBLE).toEqual(['❤️ 1: Alice Martin']);
    await visible(question(pageA).getByRole('button', { name: '3 replies', exact: true }));
    // Without the toolbar that focus and the pointer left open.
    await pageA.mouse.move(0, 0);
    await pageA.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await settled(pageA);
    await screenshot(pageA, 'thread');

    // Read now: Escape closes it, focus goes back to what opened it, and it reopens without the marker.
    await pageB.keyboard.press('Escape');
    await panelB.waitFor({ state: 'detached', ...VISIBLE });
    expect(await focusedName(pageB)).toBe('3 replies');
    await question(pageB).getByRole('button', { name: '3 replies', exact: true }).click();
    await visible(messageByText(threadPanel(pageB), CAROL_IN_THREAD));
    expect(await threadPanel(pageB).getByRole('listitem', { name: 'New replies' }).count()).toBe(0);
    await threadPanel(pageB).getByRole('button', { name: 'Close thread' }).click();
    await threadPanel(pageA).getByRole('button', { name: 'Close thread' }).click();
  });

  it('on a phone the thread covers the room, and takes a reaction from the keyboard', async () => {
    await composer(pageA, ROOM).fill(PHONE_ROOT);
    await composer(pageA, ROOM).press('Enter');
    await expectMessageOnce(pageB, ROOM, PHONE_ROOT);
    await carol.message.send.mutate({ roomId, body: 'Yes please!', clientMsgId: 'carol-lunch', replyToId: await idOf(PHONE_ROOT) });

    const phone = await newPage(PHONE);
    await signIn(phone, stage.server.url, bob);
    const root = messageByText(log(phone), PHONE_ROOT);
    await (await visible(root.getByRole('button', { name: '1 reply', exact: true }))).tap();
    const panel = await visible(threadPanel(phone));
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await expect.poll(() => focusedIn(panel), VISIBLE).toBe(true);

    // The room behind is out of the keyboard's way: Tab stays in the panel.
    await tabTo(phone, 'Add reaction');
    expect(await focusedIn(messageByText(panel, PHONE_ROOT))).toBe(true);
    await phone.keyboard.press('Enter');
    const picker = await visible(phone.getByRole('dialog', { name: 'Choose a reaction' }));
    await expect.poll(() => focusedName(phone), VISIBLE).toBe('thumbs up');
    await phone.keyboard.press('ArrowDown');
    expect(await focusedName(phone)).toBe('party popper');
    await phone.keyboard.press('ArrowUp');
    await phone.keyboard.press('ArrowRight');
    expect(await focusedName(phone)).toBe('thumbs down');
    await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => reactionsOf(messageByText(panel, PHONE_ROOT)), VISIBLE).toEqual(['👍 1: Bob Okafor (mine)']);
    await expect.poll(() => reactionsOf(messageByText(log(pageA), PHONE_ROOT)), VISIBLE).toEqual(['👍 1: Bob Okafor']);

    await screenshot(phone, 'thread-mobile');

    // Space on the chip takes it back; the chip goes, and focus stays on its message, where Escape closes the thread.
    await tabTo(phone, /^👍 1/);
    await phone.keyboard.press('Space');
    await expect.poll(() => reactionsOf(messageByText(panel, PHONE_ROOT)), VISIBLE).toEqual([]);
    expect(await focusedIn(messageByText(panel, PHONE_ROOT))).toBe(true);
    await phone.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => focusedName(phone), VISIBLE).toBe('1 reply');
    await phone.context().close();
  });

  it('a pin shows on the message and in the header for both, and the list jumps to it and unpins it', async () => {
    await act(question(pageA), 'Pin');
    for (const page of [pageA, pageB]) {
      await visible(question(page).getByText('Pinned by Alice Martin'));
      await visible(page.getByRole('button', { name: 'Pinned messages (1)' }));
    }
    await pageB.mouse.move(0, 0);
    await settled(pageB);
    await screenshot(pageB, 'pinned-message');

    // Enough later messages that the pinned one is no longer in the newest page.
    const writers = [carol, ...(await Promise.all(['dave', 'erin'].map(async (username) => {
      const { token } = await apiClient(stage.server.url).auth.register.mutate({ username, password: 'a long enough password' });
      const client = apiClient(stage.server.url, token);
      await client.room.join.mutate({ roomId });
      return client;
    })))];
    for (let i = 1; i <= 60; i++) {
      const body = `Status update ${String(i).padStart(2, '0')}`;
      await writers[i % writers.length]!.message.send.mutate({ roomId, body, clientMsgId: body });
    }
    await expectMessageOnce(pageB, ROOM, 'Status update 60');
    expect(await inViewport(question(pageB))).toBe(false);

    await pageB.getByRole('button', { name: 'Pinned messages (1)' }).click();
    const dialog = await visible(pageB.getByRole('dialog', { name: 'Pinned messages' }));
    const pinned = dialog.getByRole('listitem').filter({ hasText: QUESTION });
    await visible(pinned.getByText('Pinned by Alice Martin'));
    await screenshot(pageB, 'pinned');
    await pinned.getByRole('button', { name: 'Jump to message' }).click();
    await dialog.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => inViewport(question(pageB)), VISIBLE).toBe(true);
    await expect.poll(() => question(pageB).evaluate((row) => row === document.activeElement), VISIBLE).toBe(true);

    await pageB.getByRole('button', { name: 'Pinned messages (1)' }).click();
    const again = await visible(pageB.getByRole('dialog', { name: 'Pinned messages' }));
    await again.getByRole('button', { name: 'Unpin' }).click();
    await visible(again.getByText('Nothing is pinned here yet.', { exact: false }));
    await pageB.keyboard.press('Escape');
    await again.waitFor({ state: 'detached', ...VISIBLE });
    for (const page of [pageA, pageB]) {
      await visible(page.getByRole('button', { name: 'Pinned messages (0)' }));
      await question(page).getByText('Pinned by Alice Martin').waitFor({ state: 'detached', ...VISIBLE });
    }
    stage.publishScreenshots(['reactions', 'thread', 'thread-mobile', 'pinned-message', 'pinned']);
  });
});
