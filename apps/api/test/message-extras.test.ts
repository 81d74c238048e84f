import type { RoomEvent } from '@chat/api-types';
import { describe, expect, test } from 'vitest';
import { connectWs, eventually, signUp, type Client } from './harness.ts';
import { expectBadField, expectCode, serverForFile, uniqueName } from './helpers.ts';

const { server, pool, users: { alice, bob, carol } } = await serverForFile(['alice', 'bob', 'carol']);

/** A client that says it speaks protocol version 2, as the web app and the SDK do. */
const speaking2 = (token: string): Client => pool.add(connectWs(server, token, 50, 2)).client;
const [alice2, bob2] = [speaking2(alice.token), speaking2(bob.token)];

interface Received {
  id: string;
  event: RoomEvent;
}

/** Every event of a room this client is sent, whole (with `by` and `emoji`). */
function follow(client: Client, roomId: string, lastEventId?: string) {
  const received: Received[] = [];
  const sub = client.message.onEvent.subscribe({ roomId, lastEventId }, { onData: (e) => received.push({ id: e.id, event: e.data }) });
  return { received, stop: () => sub.unsubscribe() };
}

async function roomOfThree() {
  const { id: roomId } = await alice.client.room.create.mutate({ name: uniqueName('extras') });
  for (const m of [bob, carol]) await m.client.room.join.mutate({ roomId });
  const send = (client: Client, body: string, replyToId?: string) =>
    client.message.send.mutate({ roomId, body, clientMsgId: uniqueName('c'), replyToId });
  return { roomId, send };
}

describe('reactions', () => {
  test('reach everyone live, say who reacted with what, and a reaction made twice is one', async () => {
    const { roomId, send } = await roomOfThree();
    const message = await send(alice.client, 'ship it?');
    const [byAlice, byCarol] = [follow(alice2, roomId, String(message.seq)), follow(carol.client, roomId, String(message.seq))];
    await bob2.message.react.mutate({ messageId: message.id, emoji: '👍' });
    // The same again changes nothing, and answers the message as it is.
    const again = await bob2.message.react.mutate({ messageId: message.id, emoji: '👍' });
    expect(again.reactions).toEqual([{ emoji: '👍', count: 1, users: [bob.user] }]);
    await alice2.message.react.mutate({ messageId: message.id, emoji: '🎉' });
    await bob2.message.unreact.mutate({ messageId: message.id, emoji: '👍' });

    await eventually(() => expect(byAlice.received).toHaveLength(3));
    expect(byAlice.received.map(({ event }) => [event.type, 'emoji' in event ? event.emoji : null, 'by' in event ? event.by.id : null])).toEqual([
      ['reacted', '👍', bob.user.id],
      ['reacted', '🎉', alice.user.id],
      ['unreacted', '👍', bob.user.id],
    ]);
    expect(byAlice.received.at(-1)?.event.message.reactions).toEqual([{ emoji: '🎉', count: 1, users: [alice.user] }]);
    // A client of the public contract (no protocol version) is told "updated", with the message as it is now.
    await eventually(() => expect(byCarol.received).toHaveLength(3));
    expect(byCarol.received.map((r) => r.event.type)).toEqual(['updated', 'updated', 'updated']);
    expect(byCarol.received.map((r) => r.id)).toEqual(byAlice.received.map((r) => r.id));
    expect(byCarol.received.at(-1)?.event).toEqual({ type: 'updated', message: byAlice.received.at(-1)?.event.message });
    byAlice.stop();
    byCarol.stop();

    // Resuming from before them replays them once each, in order, with the message as it is now.
    const resumed = follow(alice2, roomId, String(message.seq));
    await eventually(() => expect(resumed.received.map((r) => r.id)).toEqual(byAlice.received.map((r) => r.id)));
    resumed.stop();
    const history = await bob.client.message.history.query({ roomId });
    expect(history.messages.map((m) => m.reactions)).toEqual([[{ emoji: '🎉', count: 1, users: [alice.user] }]]);
  });

  test('take one emoji each, from members only', async () => {
    const { send } = await roomOfThree();
    const message = await send(alice.client, 'hello');
    for (const emoji of ['', 'ok', '👍👍', 'a👍', '1', '👍 ']) {
      await expectBadField(bob.client.message.react.mutate({ messageId: message.id, emoji }), 'emoji');
    }
    const outsider = pool.add(await signUp(server, 'outsider'));
    await expectCode(outsider.client.message.react.mutate({ messageId: message.id, emoji: '👍' }), 'FORBIDDEN');
    await expectCode(bob.client.message.react.mutate({ messageId: '9999999999', emoji: '👍' }), 'NOT_FOUND');
    expect((await bob.client.message.react.mutate({ messageId: message.id, emoji: '👍🏽' })).reactions[0]?.emoji).toBe('👍🏽');
  });
});

describe('replies and threads', () => {
  test('a reply quotes what it answers and joins its thread; the thread keeps my read marker', async () => {
    const { roomId, send } = await roomOfThree();
    const root = await send(alice.client, 'where shall we eat?');
    const live = follow(carol.client, roomId, String(root.seq));
    const first = await send(bob.client, 'the noodle place', root.id);
    const second = await send(carol.client, 'seconded', first.id);
    expect(first.replyTo).toEqual({ id: root.id, author: alice.user, excerpt: 'where shall we eat?', deleted: false });
    expect([second.threadRootId, second.replyTo?.id]).toEqual([root.id, first.id]);
    await eventually(() => expect(live.received.map((r) => r.event.message.threadRootId)).toEqual([root.id, root.id]));
    live.stop();

    const thread = await alice.client.message.thread.query({ messageId: second.id });
    expect(thread.root).toMatchObject({ id: root.id, replyCount: 2 });
    expect(thread.replies.map((m) => m.body)).toEqual(['the noodle place', 'seconded']);
    expect(thread.lastReadSeq).toBe(0);
    await alice.client.message.markThreadRead.mutate({ messageId: first.id });
    expect((await alice.client.message.thread.query({ messageId: root.id })).lastReadSeq).toBe(first.seq);

    const elsewhere = await alice.client.room.create.mutate({ name: uniqueName('elsewhere') });
    const there = await alice.client.message.send.mutate({ roomId: elsewhere.id, body: 'over here', clientMsgId: uniqueName('c') });
    await expectBadField(send(alice.client, 'wrong room', there.id), 'replyToId');
  });
});

describe('pins', () => {
  test('a pin reaches everyone live, is listed for readers, and pinning twice is one pin', async () => {
    const { roomId, send } = await roomOfThree();
    const rules = await send(alice.client, 'house rules');
    const live = follow(alice2, roomId, String(rules.seq));
    const pinned = await bob2.message.pin.mutate({ messageId: rules.id });
    expect(pinned.pinned?.by).toEqual(bob.user);
    await bob2.message.pin.mutate({ messageId: rules.id });
    await eventually(() => expect(live.received.map((r) => r.event.type)).toEqual(['pinned']));
    expect((await carol.client.message.pins.query({ roomId })).map((m) => m.id)).toEqual([rules.id]);
    await carol.client.message.unpin.mutate({ messageId: rules.id });
    await eventually(() => expect(live.received.map((r) => r.event.type)).toEqual(['pinned', 'unpinned']));
    expect(await alice.client.message.pins.query({ roomId })).toEqual([]);
    live.stop();
  });
});
