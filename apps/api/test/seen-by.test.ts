import type { ReadEvent } from '@chat/api-types';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, test } from 'vitest';
import { readsChannel, type BusMessage } from '../src/fanout/fanout.ts';
import { signUp, startTestServer, eventually, type Client, type TestServer } from './harness.ts';
import { ClientPool, codeOf, expectCode, serverForFile, uniqueName, type Member } from './helpers.ts';
import { dropRedisKeys, redisPrefix, TEST_REDIS_URL } from './services.ts';

const { server, users: { ann, bob, cat, eve } } = await serverForFile(['ann', 'bob', 'cat', 'eve']);

/** Every ReadEvent a client is sent, and the code (and message) its stream ended with. */
function watchReads(client: Client, roomId: string) {
  const events: ReadEvent[] = [];
  const ended: (string | undefined)[] = [];
  const reasons: string[] = [];
  let onStarted!: () => void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const sub = client.room.onReads.subscribe(
    { roomId },
    {
      onStarted: () => onStarted(),
      onData: (e) => events.push(e),
      onError: (err) => {
        ended.push(codeOf(err));
        reasons.push(err.message);
      },
    },
  );
  return { events, ended, reasons, started, stop: () => sub.unsubscribe() };
}

/** A room `owner` created, with `others` invited, and `count` messages by the owner. */
async function roomWith(owner: Member, others: Member[], count: number, kind: 'public' | 'private' = 'private') {
  const { id: roomId } = await owner.client.room.create.mutate({ name: uniqueName('seen'), kind });
  for (const m of others) await owner.client.room.invite.mutate({ roomId, userId: m.user.id });
  const messages = [];
  for (let i = 0; i < count; i++) messages.push(await owner.client.message.send.mutate({ roomId, body: `m${i}`, clientMsgId: uniqueName('m') }));
  return { roomId, messages };
}

const markerOf = async (member: Member, roomId: string) => (await member.client.room.list.query()).find((r) => r.id === roomId)!.lastReadSeq;

describe('room.onReads ("seen by")', () => {
  test("every member's marker first, then each one that moves forward, live", async () => {
    const { roomId, messages } = await roomWith(ann, [bob, cat], 3);
    const reads = watchReads(ann.client, roomId);
    const expected = await Promise.all([ann, bob, cat].map(async (m) => ({ userId: m.user.id, lastReadSeq: await markerOf(m, roomId) })));
    await eventually(() => expect(reads.events).toHaveLength(1));
    const [snapshot] = reads.events;
    expect(snapshot?.type === 'snapshot' && [...snapshot.readers].sort((a, b) => Number(a.userId) - Number(b.userId))).toEqual(expected);

    await bob.client.message.markRead.mutate({ roomId, messageId: messages[2]!.id });
    await eventually(() => expect(reads.events.at(-1)).toEqual({ type: 'read', userId: bob.user.id, lastReadSeq: messages[2]!.seq }));
    reads.stop();
  });

  test('a marker that does not move forward is announced to nobody', async () => {
    const { roomId, messages } = await roomWith(ann, [bob, cat], 3);
    // What the server publishes, as every process's streams would hear it.
    const published: BusMessage[] = [];
    const unsubscribe = await server.app.fanout.subscribe(readsChannel(roomId), (m) => published.push(m));
    const reads = watchReads(ann.client, roomId);
    await eventually(() => expect(reads.events).toHaveLength(1));

    await bob.client.message.markRead.mutate({ roomId, messageId: messages[2]!.id });
    await bob.client.message.markRead.mutate({ roomId, messageId: messages[0]!.id });
    await bob.client.message.markRead.mutate({ roomId, messageId: messages[2]!.id });
    // A move afterwards: anything the two calls above had sent would have come before it.
    await cat.client.message.markRead.mutate({ roomId, messageId: messages[1]!.id });
    const moves = [
      { type: 'read', userId: bob.user.id, lastReadSeq: messages[2]!.seq },
      { type: 'read', userId: cat.user.id, lastReadSeq: messages[1]!.seq },
    ];
    await eventually(() => expect(reads.events.slice(1)).toEqual(moves));
    expect(published).toEqual(moves.map(({ userId, lastReadSeq }) => ({ kind: 'read', roomId, userId, lastReadSeq })));
    unsubscribe();
    reads.stop();
  });

  test('a private room: an outsider is refused; a removed member’s stream ends, and everyone’s when the room is deleted', async () => {
    const { roomId } = await roomWith(ann, [bob, cat], 1);
    const outsider = watchReads(eve.client, roomId);
    await eventually(() => expect(outsider.ended).toHaveLength(1));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outsider.ended[0]);
    expect(outsider.events).toEqual([]);

    const bobs = watchReads(bob.client, roomId);
    const cats = watchReads(cat.client, roomId);
    await Promise.all([bobs.started, cats.started]);
    await ann.client.room.removeMember.mutate({ roomId, userId: bob.user.id });
    await eventually(() => expect(bobs.ended).toEqual(['FORBIDDEN']));
    await ann.client.room.delete.mutate({ roomId });
    await eventually(() => expect(cats.ended).toEqual(['NOT_FOUND']));
  });

  test('a public room’s markers are read by whoever may read it, members or not', async () => {
    const { roomId, messages } = await roomWith(ann, [bob], 1, 'public');
    const reads = watchReads(eve.client, roomId);
    await eventually(() => expect(reads.events).toHaveLength(1));
    await bob.client.message.markRead.mutate({ roomId, messageId: messages[0]!.id });
    await eventually(() => expect(reads.events.at(-1)).toEqual({ type: 'read', userId: bob.user.id, lastReadSeq: messages[0]!.seq }));
    await expectCode(eve.client.message.markRead.mutate({ roomId, messageId: messages[0]!.id }), 'FORBIDDEN');
    reads.stop();
  });

  test('counts as a running subscription while it runs', async () => {
    const { roomId } = await roomWith(ann, [], 0);
    const gauge = async () => /chat_active_subscriptions\{path="room\.onReads"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1];
    const reads = watchReads(ann.client, roomId);
    await eventually(async () => expect(await gauge()).toBe('1'));
    reads.stop();
    await eventually(async () => expect(await gauge()).toBe('0'));
  });
});

describe('room.onReads is kept for small rooms (SEEN_BY_MAX_MEMBERS=2)', () => {
  let small: TestServer;
  const smallPool = new ClientPool();
  afterAll(async () => {
    await smallPool.closeAll();
    await small?.close();
  });

  test('a larger room is refused; one that grows past it while followed goes on, new members included', async () => {
    small = await startTestServer({ limits: { seenByMaxMembers: 2, wsMaxSubscriptions: 2 } });
    const [amy, ben, cy] = [smallPool.add(await signUp(small, 'amy')), smallPool.add(await signUp(small, 'ben')), smallPool.add(await signUp(small, 'cy'))];
    const { roomId } = await roomWith(amy, [ben], 0);
    const reads = watchReads(amy.client, roomId);
    await eventually(() => expect(reads.events).toHaveLength(1));

    await amy.client.room.invite.mutate({ roomId, userId: cy.user.id });
    const refused = watchReads(ben.client, roomId);
    await eventually(() => expect(refused.ended).toEqual(['BAD_REQUEST']));
    expect(refused.reasons).toEqual(['roomId: seen-by is kept for rooms of at most 2 members']);
    expect(refused.events).toEqual([]);

    // Someone who joined after the snapshot is looked up, and their moves are sent.
    const later = await amy.client.message.send.mutate({ roomId, body: 'welcome', clientMsgId: uniqueName('m') });
    await cy.client.message.markRead.mutate({ roomId, messageId: later.id });
    await eventually(() => expect(reads.events.at(-1)).toEqual({ type: 'read', userId: cy.user.id, lastReadSeq: later.seq }));
    reads.stop();
  });

  test('it takes one of a connection’s subscriptions, and one per room', async () => {
    const [amy] = [smallPool.add(await signUp(small, 'amy'))];
    const { roomId } = await roomWith(amy, [], 0);
    const first = watchReads(amy.client, roomId);
    await first.started;
    const again = watchReads(amy.client, roomId);
    await eventually(() => expect(again.ended).toEqual(['BAD_REQUEST']));
    const typing = amy.client.room.onTyping.subscribe({ roomId }, {});
    const { id: other } = await amy.client.room.create.mutate({ name: uniqueName('another') });
    const third = watchReads(amy.client, other);
    await eventually(() => expect(third.ended).toEqual(['TOO_MANY_REQUESTS']));
    typing.unsubscribe();
    first.stop();
  });
});

describe('room.onReads over Redis', () => {
  test('after the fan-out may have missed moves (its connection dropped), another snapshot says where every marker is', async () => {
    const prefix = await redisPrefix();
    const shared = await startTestServer({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix });
    const local = new ClientPool();
    try {
      const [amy, ben] = [local.add(await signUp(shared, 'amy')), local.add(await signUp(shared, 'ben'))];
      const { roomId, messages } = await roomWith(amy, [ben], 1);
      const reads = watchReads(amy.client, roomId);
      await eventually(() => expect(reads.events).toHaveLength(1));
      await ben.client.message.markRead.mutate({ roomId, messageId: messages[0]!.id });
      await eventually(() => expect(reads.events).toHaveLength(2));

      // Drop the server's subscriber connection from Redis' side, as a Redis restart would.
      const admin = new Redis(TEST_REDIS_URL);
      const clients = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
      const ours = clients.split('\n').filter((line) => line.includes(` name=chat-subscribe-${prefix} `));
      expect(ours).toHaveLength(1);
      await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(ours[0]!)![1]!);
      admin.disconnect();
      await eventually(() => expect(reads.events).toHaveLength(3));
      expect(reads.events[2]).toEqual({
        type: 'snapshot',
        readers: [
          { userId: amy.user.id, lastReadSeq: 0 },
          { userId: ben.user.id, lastReadSeq: messages[0]!.seq },
        ],
      });
      reads.stop();
    } finally {
      await local.closeAll();
      await shared.close();
      await dropRedisKeys(prefix);
    }
  });
});
