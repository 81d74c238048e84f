import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectHttp, eventually, signUp, startTestServer, type Client, type TestServer } from './harness.ts';
import { allHistory, ClientPool, codeOf, expectCode, uniqueName, watchRoom } from './helpers.ts';
import { createTestDatabase, dropRedisKeys, redisPrefix, TEST_REDIS_URL, type TestDatabase } from './services.ts';

/**
 * Two servers in this process on one PostgreSQL database and one Redis (their own database
 * and key prefix): everything a user does on one is seen by users of the other, as with
 * several server processes behind a load balancer. (cluster.test.ts does it with processes.)
 */
let db: TestDatabase;
let prefix: string;
let a: TestServer;
let b: TestServer;
const pool = new ClientPool();
type Member = Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = await redisPrefix();
  const shared = { databaseUrl: db.url, redisUrl: TEST_REDIS_URL, redisPrefix: prefix };
  a = await startTestServer(shared);
  b = await startTestServer(shared);
});
afterAll(async () => {
  await pool.closeAll();
  await a?.close();
  await b?.close();
  await db?.drop();
  if (prefix) await dropRedisKeys(prefix);
});

/** The same user, signed up on `home`, with a second socket on `other`. */
async function userOn(home: TestServer, other: TestServer, name: string): Promise<Member & { there: Client }> {
  const member = pool.add(await signUp(home, name));
  return { ...member, there: pool.connect(other, member.token).client };
}

const send = (m: { client: Client }, roomId: string, body: string) =>
  m.client.message.send.mutate({ roomId, body, clientMsgId: uniqueName('c') });

describe('two servers, one PostgreSQL and one Redis', () => {
  test('a user of one server chats live with a user of the other; both see one history', async () => {
    const alice = pool.add(await signUp(a, 'alice'));
    const bob = pool.add(await signUp(b, 'bob'));
    const room = await alice.client.room.create.mutate({ name: uniqueName('Across'), kind: 'private' });
    await alice.client.room.invite.mutate({ roomId: room.id, userId: bob.user.id });
    const watchB = watchRoom(bob.client, room.id);
    const watchA = watchRoom(alice.client, room.id);
    await Promise.all([watchA.started, watchB.started]);
    const m1 = await send(alice, room.id, 'hello from A');
    const m2 = await send(bob, room.id, 'hello from B');
    await alice.client.message.edit.mutate({ messageId: m1.id, body: 'hello from A (edited)' });
    for (const w of [watchA, watchB]) {
      await eventually(() => expect(w.events.map((e) => [e.type, e.message.body])).toEqual([
        ['created', 'hello from A'],
        ['created', 'hello from B'],
        ['updated', 'hello from A (edited)'],
      ]));
      w.stop();
    }
    expect((await allHistory(bob.client, room.id)).map((m) => m.id)).toEqual([m1.id, m2.id]);
    // Search runs on PostgreSQL (pg_trgm): part-words, case-insensitive, readable rooms only.
    const hits = await bob.client.message.search.query({ query: 'FROM', roomId: room.id });
    expect(hits.map((h) => h.message.body).sort()).toEqual(['hello from A (edited)', 'hello from B']);
    const outsider = pool.add(await signUp(a, 'outsider'));
    expect(await outsider.client.message.search.query({ query: 'hello from' })).toEqual([]);
  });

  test('leaving on one server refuses sends on the other, where the room is followed live and membership was known', async () => {
    const alice = pool.add(await signUp(a, 'l_alice'));
    const bob = await userOn(a, b, 'l_bob');
    const room = await alice.client.room.create.mutate({ name: uniqueName('Leaving'), kind: 'private' });
    await alice.client.room.invite.mutate({ roomId: room.id, userId: bob.user.id });
    const watch = watchRoom(alice.client, room.id);
    await watch.started;
    await send(bob, room.id, 'a member, as server A now knows');
    await bob.there.room.leave.mutate({ roomId: room.id });
    // A learns of it over Redis, a moment after B's answer.
    await eventually(async () => void (await expectCode(send(bob, room.id, 'after leaving on B'), 'FORBIDDEN')));
    expect(watch.events[0]?.message.body).toBe('a member, as server A now knows');
    watch.stop();
  });

  test('a resuming subscriber on one server gets exactly what writers on both servers sent', async () => {
    const alice = await userOn(a, b, 'w_alice');
    const bob = await userOn(b, a, 'w_bob');
    const room = await alice.client.room.create.mutate({ name: uniqueName('Storm') });
    await bob.client.room.join.mutate({ roomId: room.id });
    const { lastEventId } = await bob.client.message.history.query({ roomId: room.id });
    const first = watchRoom(bob.client, room.id, lastEventId);
    await first.started;
    const writes = Promise.all([
      ...Array.from({ length: 40 }, (_, i) => send(alice, room.id, `a${i}`)),
      ...Array.from({ length: 40 }, (_, i) => send({ client: alice.there }, room.id, `a'${i}`)),
      ...Array.from({ length: 40 }, (_, i) => send(bob, room.id, `b${i}`)),
    ]);
    // Half-way through, the subscriber leaves and resumes on the other server.
    await eventually(() => expect(first.events.length).toBeGreaterThanOrEqual(20));
    first.stop();
    const resumeFrom = first.events.at(-1)!.id;
    const second = watchRoom(bob.there, room.id, resumeFrom);
    await writes;
    const history = (await allHistory(bob.client, room.id)).map((m) => m.id);
    expect(history).toHaveLength(120);
    await eventually(() => expect([...first.events, ...second.events].map((e) => e.message.id)).toEqual(history));
    second.stop();
  });

  test('typing, presence and logout cross servers', async () => {
    const alice = await userOn(a, b, 'p_alice');
    const bob = pool.add(await signUp(b, 'p_bob'));
    const room = await alice.client.room.create.mutate({ name: uniqueName('Presence') });
    await bob.client.room.join.mutate({ roomId: room.id });

    // Typing on A shows on B.
    const typing: string[][] = [];
    const sub = bob.client.room.onTyping.subscribe({ roomId: room.id }, { onData: (s) => typing.push(s.users.map((u) => u.id)) });
    await eventually(() => expect(typing).toEqual([[]]));
    await alice.client.room.setTyping.mutate({ roomId: room.id, typing: true });
    await eventually(() => expect(typing.at(-1)).toEqual([alice.user.id]));
    sub.unsubscribe();

    // Presence: alice has sockets on both servers; B knows she is online, and that she is
    // offline once her last socket (wherever it was) has closed.
    const onlineOf = async (id: string) => (await bob.client.room.members.query({ roomId: room.id })).find((m) => m.user.id === id)?.online;
    await eventually(async () => expect(await onlineOf(alice.user.id)).toBe(true));
    const lone = pool.add(await signUp(a, 'p_lone'));
    await lone.client.room.join.mutate({ roomId: room.id });
    await eventually(async () => expect(await onlineOf(lone.user.id)).toBe(true));
    await lone.close();
    await eventually(async () => expect(await onlineOf(lone.user.id)).toBe(false));

    // Logout on A ends alice's running stream on B at once.
    const watch = watchRoom(alice.there, room.id);
    await watch.started;
    await connectHttp(a, alice.token).auth.logout.mutate();
    await eventually(() => expect(watch.errors.map(codeOf)).toEqual(['UNAUTHORIZED']));
    await expectCode(alice.there.room.list.query(), 'UNAUTHORIZED');
  });
});

describe('rate limits are shared by the servers', () => {
  test('a user cannot double their budget by spreading sends over two servers', async () => {
    const local = await createTestDatabase();
    const limitedPrefix = await redisPrefix();
    const shared = { databaseUrl: local.url, redisUrl: TEST_REDIS_URL, redisPrefix: limitedPrefix, rateLimit: true };
    const x = await startTestServer(shared);
    const y = await startTestServer(shared);
    const clients = new ClientPool();
    try {
      const carol = clients.add(await signUp(x, 'limited'));
      const onY = clients.connect(y, carol.token).client;
      const general = (await carol.client.room.list.query()).find((r) => r.name === 'General')!;
      // The send budget is 30 per 10 s: 15 on each server use it up.
      for (let i = 0; i < 15; i++) {
        await send(carol, general.id, `x${i}`);
        await send({ client: onY }, general.id, `y${i}`);
      }
      await expectCode(send(carol, general.id, 'one too many'), 'TOO_MANY_REQUESTS');
      await expectCode(send({ client: onY }, general.id, 'one too many'), 'TOO_MANY_REQUESTS');
    } finally {
      await clients.closeAll();
      await x.close();
      await y.close();
      await local.drop();
      await dropRedisKeys(limitedPrefix);
    }
  });
});
