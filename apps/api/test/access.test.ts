import { describe, expect, test } from 'vitest';
import { roomByName, signUp } from './harness.ts';
import { codeOf, expectCode, expectSubscriptionRefused, serverForFile, uniqueName, watchRoom } from './helpers.ts';

const DENIED = ['FORBIDDEN', 'NOT_FOUND'];

// alice owns the private room and has a direct room with bob; carol is the outsider.
const { server, pool, users: { alice, bob, carol } } = await serverForFile(['alice', 'bob', 'carol']);
const privateRoomId = (await alice.client.room.create.mutate({ name: uniqueName('Vault'), kind: 'private' })).id;
const directRoomId = (await alice.client.dm.open.mutate({ userId: bob.user.id })).id;
await alice.client.message.send.mutate({ roomId: privateRoomId, body: 'zebracode in the private vault', clientMsgId: 'a1' });
await alice.client.message.send.mutate({ roomId: directRoomId, body: 'zebracode in the direct chat', clientMsgId: 'a2' });

const rooms = () =>
  [
    ['private', privateRoomId],
    ['direct', directRoomId],
  ] as const;

describe('an outsider of a private or direct room', () => {
  test('gets FORBIDDEN or NOT_FOUND from message.history', async () => {
    for (const [, roomId] of rooms()) {
      await expectCode(carol.client.message.history.query({ roomId }), DENIED);
      await expectCode(carol.client.message.history.query({ roomId, limit: 100, before: '999' }), DENIED);
    }
  });

  test('gets a refused message.onEvent subscription, with and without lastEventId', async () => {
    for (const [, roomId] of rooms()) {
      await expectSubscriptionRefused(carol.client, roomId, DENIED);
      const live = watchRoom(carol.client, roomId);
      const err = await live.started.then(() => null, (e: unknown) => e);
      live.stop();
      expect(DENIED).toContain(codeOf(err));
    }
  });

  test('gets FORBIDDEN or NOT_FOUND from message.search with that roomId', async () => {
    for (const [, roomId] of rooms()) {
      await expectCode(carol.client.message.search.query({ query: 'zebracode', roomId }), DENIED);
      await expectCode(carol.client.message.search.query({ query: 'no such words', roomId }), DENIED);
    }
  });

  test('gets FORBIDDEN or NOT_FOUND from room.members', async () => {
    for (const [, roomId] of rooms()) {
      await expectCode(carol.client.room.members.query({ roomId }), DENIED);
    }
  });

  test('never finds messages of those rooms with message.search without roomId', async () => {
    const hits = await carol.client.message.search.query({ query: 'zebracode' });
    expect(hits).toEqual([]);
    // The messages are findable by the members, so the search itself works.
    const bobHits = await bob.client.message.search.query({ query: 'zebracode' });
    expect(bobHits.map((h) => h.message.body)).toEqual(['zebracode in the direct chat']);
    const aliceHits = await alice.client.message.search.query({ query: 'zebracode' });
    expect(aliceHits.map((h) => h.message.body).sort()).toEqual(['zebracode in the direct chat', 'zebracode in the private vault']);
  });

  test('cannot send, set typing, or mark read', async () => {
    for (const [, roomId] of rooms()) {
      await expectCode(carol.client.message.send.mutate({ roomId, body: 'let me in', clientMsgId: uniqueName('c') }), DENIED);
      await expectCode(carol.client.room.setTyping.mutate({ roomId, typing: true }), DENIED);
      const { messages } = await alice.client.message.history.query({ roomId });
      await expectCode(carol.client.message.markRead.mutate({ roomId, messageId: messages[0]!.id }), DENIED);
    }
    const { messages } = await alice.client.message.history.query({ roomId: privateRoomId });
    expect(messages.map((m) => m.body)).toEqual(['zebracode in the private vault']);
  });

  test('cannot edit or delete messages there', async () => {
    const { messages } = await alice.client.message.history.query({ roomId: privateRoomId });
    await expectCode(carol.client.message.edit.mutate({ messageId: messages[0]!.id, body: 'hacked' }), DENIED);
    await expectCode(carol.client.message.delete.mutate({ messageId: messages[0]!.id }), DENIED);
    const after = await alice.client.message.history.query({ roomId: privateRoomId });
    expect(after.messages[0]).toMatchObject({ body: 'zebracode in the private vault', deleted: false });
  });
});

describe('members of a private room', () => {
  test('can read while they are members and lose access when they leave', async () => {
    const dave = pool.add(await signUp(server, 'dave'));
    await alice.client.room.invite.mutate({ roomId: privateRoomId, userId: dave.user.id });
    const page = await dave.client.message.history.query({ roomId: privateRoomId });
    expect(page.messages.map((m) => m.body)).toEqual(['zebracode in the private vault']);
    expect((await dave.client.message.search.query({ query: 'zebracode' })).map((h) => h.roomName)).toHaveLength(1);
    const members = await dave.client.room.members.query({ roomId: privateRoomId });
    expect(members.map((m) => m.user.id).sort()).toEqual([alice.user.id, dave.user.id].sort());

    await dave.client.room.leave.mutate({ roomId: privateRoomId });
    await expectCode(dave.client.message.history.query({ roomId: privateRoomId }), DENIED);
    await expectCode(dave.client.room.members.query({ roomId: privateRoomId }), DENIED);
    await expectSubscriptionRefused(dave.client, privateRoomId, DENIED);
    expect(await dave.client.message.search.query({ query: 'zebracode' })).toEqual([]);
    await expectCode(dave.client.room.join.mutate({ roomId: privateRoomId }), 'FORBIDDEN');
  });
});

describe('a member who leaves a private room while subscribed', () => {
  test('receives none of its later events', async () => {
    const erin = pool.add(await signUp(server, 'erin'));
    const room = await alice.client.room.create.mutate({ name: uniqueName('Leaky'), kind: 'private' });
    await alice.client.room.invite.mutate({ roomId: room.id, userId: erin.user.id });
    const publicRoom = await alice.client.room.create.mutate({ name: uniqueName('Beacon') });

    const { lastEventId } = await erin.client.message.history.query({ roomId: room.id });
    const secretWatch = watchRoom(erin.client, room.id, lastEventId);
    await secretWatch.started;
    const beacon = watchRoom(erin.client, publicRoom.id, '0');
    await beacon.started;

    await erin.client.room.leave.mutate({ roomId: room.id });
    await alice.client.message.send.mutate({ roomId: room.id, body: 'said after erin left', clientMsgId: uniqueName('c') });
    // A later message in a public room on the same socket: once it arrives, the private one would have too.
    await alice.client.message.send.mutate({ roomId: publicRoom.id, body: 'beacon', clientMsgId: uniqueName('c') });
    await expect.poll(() => beacon.events.map((e) => e.message.body)).toEqual(['beacon']);

    expect(secretWatch.events.map((e) => e.message.body)).toEqual([]);
    secretWatch.stop();
    beacon.stop();
  });
});

describe('public rooms', () => {
  test('are readable by every signed-in user without joining', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Agora') });
    const sent = await alice.client.message.send.mutate({ roomId: room.id, body: 'quokkaword public', clientMsgId: 'pub1' });
    const page = await carol.client.message.history.query({ roomId: room.id });
    expect(page.messages.map((m) => m.id)).toEqual([sent.id]);
    const hits = await carol.client.message.search.query({ query: 'quokkaword', roomId: room.id });
    expect(hits.map((h) => h.message.id)).toEqual([sent.id]);
    const members = await carol.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
    const watch = watchRoom(carol.client, room.id, '0');
    await watch.started;
    watch.stop();
  });

  test('need membership for send and setTyping', async () => {
    const random = await roomByName(carol.client, 'Random');
    expect(random.joined).toBe(false);
    await expectCode(carol.client.message.send.mutate({ roomId: random.id, body: 'hi', clientMsgId: uniqueName('c') }), 'FORBIDDEN');
    await expectCode(carol.client.room.setTyping.mutate({ roomId: random.id, typing: true }), 'FORBIDDEN');
    const page = await carol.client.message.history.query({ roomId: random.id });
    expect(page.messages.filter((m) => m.author.id === carol.user.id)).toEqual([]);
    await carol.client.room.join.mutate({ roomId: random.id });
    const sent = await carol.client.message.send.mutate({ roomId: random.id, body: 'hi', clientMsgId: uniqueName('c') });
    expect(sent.author.id).toBe(carol.user.id);
    await carol.client.room.setTyping.mutate({ roomId: random.id, typing: false });
  });
});
