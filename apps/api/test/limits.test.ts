import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { connectHttp, roomByName, signUp, startTestServer, type Client, type TestServer } from './harness.ts';
import { ClientPool, codeOf, uniqueName } from './helpers.ts';

const pool = new ClientPool();
afterAll(() => pool.closeAll());

describe('rate limits (RATE_LIMIT on)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimit: true });
  });
  afterAll(() => server.close());

  test('sending too fast answers TOO_MANY_REQUESTS, per user', async () => {
    const alice = pool.add(await signUp(server, 'fast'));
    const bob = pool.add(await signUp(server, 'calm'));
    const general = await roomByName(alice.client, 'General');
    await alice.client.room.join.mutate({ roomId: general.id });
    await bob.client.room.join.mutate({ roomId: general.id });

    const outcomes = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        alice.client.message.send.mutate({ roomId: general.id, body: `burst ${i}`, clientMsgId: `burst-${i}` }).then(
          () => 'ok',
          (err: unknown) => codeOf(err) ?? String(err),
        ),
      ),
    );
    const ok = outcomes.filter((o) => o === 'ok').length;
    const refused = outcomes.filter((o) => o !== 'ok');
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set(['TOO_MANY_REQUESTS']));
    expect(ok).toBeLessThanOrEqual(30);
    expect(ok).toBeGreaterThan(0);
    const stored = (await alice.client.message.history.query({ roomId: general.id, limit: 100 })).messages;
    expect(stored.filter((m) => m.author.id === alice.user.id)).toHaveLength(ok);

    // Another user's budget is untouched.
    const fromBob = await bob.client.message.send.mutate({ roomId: general.id, body: 'still fine', clientMsgId: 'bob-1' });
    expect(fromBob.body).toBe('still fine');
  });
});

describe('hostile input (RATE_LIMIT off)', () => {
  let server: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let roomId: string;
  let messageId: string;
  let userId: string;

  beforeAll(async () => {
    server = await startTestServer();
    alice = pool.add(await signUp(server, 'fuzzer'));
    const other = pool.add(await signUp(server, 'target'));
    userId = other.user.id;
    const room = await alice.client.room.create.mutate({ name: uniqueName('Fuzz') });
    roomId = room.id;
    messageId = (await alice.client.message.send.mutate({ roomId, body: 'fuzz target', clientMsgId: 'fuzz-0' })).id;
  });
  afterAll(() => server.close());

  const nested = (depth: number): unknown => (depth === 0 ? { x: 1 } : { a: nested(depth - 1), b: [nested(depth - 1)] });
  const GARBAGE: unknown[] = [
    undefined,
    null,
    true,
    0,
    -1,
    1.5,
    -0.0001,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    '0',
    '-1',
    '1e5',
    '99999999999999999999999',
    '9999999999999999',
    'x'.repeat(100_000),
    '💥'.repeat(5000),
    '\u0000',
    '\u0000\u0000\u0000',
    'a\u0000b\u0000c',
    '\ud800',
    "'; DROP TABLE users; --",
    '"*OR(NEAR AND',
    '%_\\',
    '<script>alert(1)</script>',
    {},
    [],
    [1, 2, 3],
    { toString: 'x' },
    { __proto__: { admin: true } },
    nested(6),
  ];
  const ALLOWED = ['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'CONFLICT'];

  /** Valid inputs for each procedure; every field (and the whole input) gets replaced by garbage. */
  const procedures = (c: Client): Array<[string, Record<string, unknown>, (input: never) => Promise<unknown>]> => [
    ['auth.login', { username: 'fuzzer1', password: 'whatever123' }, (i) => c.auth.login.mutate(i)],
    ['auth.register', { username: 'fuzzreg', password: 'long enough password' }, (i) => c.auth.register.mutate(i)],
    ['user.search', { query: 'fu' }, (i) => c.user.search.query(i)],
    ['room.create', { name: 'fuzz room', topic: 't', kind: 'public' }, (i) => c.room.create.mutate(i)],
    ['room.join', { roomId }, (i) => c.room.join.mutate(i)],
    ['room.leave', { roomId: '987654321' }, (i) => c.room.leave.mutate(i)],
    ['room.invite', { roomId, userId }, (i) => c.room.invite.mutate(i)],
    ['room.members', { roomId }, (i) => c.room.members.query(i)],
    ['room.setTyping', { roomId, typing: true }, (i) => c.room.setTyping.mutate(i)],
    ['dm.open', { userId }, (i) => c.dm.open.mutate(i)],
    ['message.history', { roomId, before: '5', limit: 10 }, (i) => c.message.history.query(i)],
    ['message.send', { roomId, body: 'b', clientMsgId: 'fuzz-send', attachmentIds: [] }, (i) => c.message.send.mutate(i)],
    ['message.edit', { messageId, body: 'edited by fuzz' }, (i) => c.message.edit.mutate(i)],
    ['message.markRead', { roomId, messageId }, (i) => c.message.markRead.mutate(i)],
    ['message.search', { query: 'fuzz', roomId, limit: 5 }, (i) => c.message.search.query(i)],
    ['message.delete', { messageId: '987654321' }, (i) => c.message.delete.mutate(i)],
  ];

  async function fuzz(client: Client, values: unknown[]) {
    const bad: string[] = [];
    let calls = 0;
    for (const [path, valid, call] of procedures(client)) {
      for (const value of values) {
        const inputs: unknown[] = [value, ...Object.keys(valid).map((k) => ({ ...valid, [k]: value }))];
        for (const input of inputs) {
          calls++;
          const outcome = await call(input as never).then(
            () => 'ok',
            (err: unknown) => codeOf(err) ?? `no code: ${String(err).slice(0, 200)}`,
          );
          if (outcome !== 'ok' && !ALLOWED.includes(outcome)) {
            bad.push(`${path} ${JSON.stringify(input)?.slice(0, 120)} -> ${outcome}`);
          }
        }
      }
    }
    return { bad, calls };
  }

  test('no input over WebSocket produces INTERNAL_SERVER_ERROR, and the server keeps answering', async () => {
    const { bad, calls } = await fuzz(alice.client, GARBAGE);
    expect(calls).toBeGreaterThan(500);
    expect(bad).toEqual([]);
    expect(await alice.client.auth.me.query()).toEqual(alice.user);
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.id)).toContain(messageId);
  }, 90_000);

  test('no mutation input over HTTP produces INTERNAL_SERVER_ERROR', async () => {
    const http = connectHttp(server, alice.token);
    // Queries travel in the URL over HTTP, so only short values are used with them.
    const small = GARBAGE.filter((v) => JSON.stringify(v ?? null).length < 2000);
    const { bad } = await fuzz(http, small);
    expect(bad).toEqual([]);
    expect(await http.auth.me.query()).toEqual(alice.user);
  }, 90_000);

  test('garbage subscription inputs are refused cleanly', async () => {
    const bad: string[] = [];
    for (const value of GARBAGE.slice(0, 24)) {
      for (const input of [value, { roomId: value }, { roomId, lastEventId: value }]) {
        let sub: { unsubscribe(): void } | undefined;
        const outcome = await new Promise<string>((resolve) => {
          sub = alice.client.message.onEvent.subscribe(input as never, {
            onStarted: () => resolve('started'),
            onError: (err) => resolve(codeOf(err) ?? `no code: ${String(err)}`),
          });
        });
        sub?.unsubscribe();
        if (outcome !== 'started' && !ALLOWED.includes(outcome)) bad.push(`${JSON.stringify(input)?.slice(0, 80)} -> ${outcome}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await alice.client.auth.me.query()).toEqual(alice.user);
  });

  test('raw garbage on the WebSocket does not stop the server', async () => {
    const url = server.wsUrl;
    for (const frame of ['not json', '{"id":1', '[]', 'null', '{"id":1,"method":"nope"}', '{"method":"connectionParams","data":42}', 'x'.repeat(10_000)]) {
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => {
          ws.send(frame);
          setTimeout(() => ws.close(), 50);
        });
        ws.on('close', () => resolve());
        ws.on('error', () => resolve());
      });
    }
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await alice.client.auth.me.query()).toEqual(alice.user);
  });
});

describe('plain HTTP endpoints', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test('GET /healthz is 200', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  test('GET /metrics is Prometheus text that counts stored messages', async () => {
    const count = async () => {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('chat_messages_stored_total');
      const line = text.split('\n').find((l) => l.startsWith('chat_messages_stored_total'));
      return Number(line?.split(/\s+/)[1]);
    };
    const before = await count();
    const alice = pool.add(await signUp(server, 'metric'));
    const general = await roomByName(alice.client, 'General');
    await alice.client.room.join.mutate({ roomId: general.id });
    await alice.client.message.send.mutate({ roomId: general.id, body: 'one', clientMsgId: 'm1' });
    await alice.client.message.send.mutate({ roomId: general.id, body: 'two', clientMsgId: 'm2' });
    await alice.client.message.send.mutate({ roomId: general.id, body: 'two again', clientMsgId: 'm2' });
    expect(await count()).toBe(before + 2);
  });

  test('a malformed JSON POST to /trpc/message.send answers 4xx, signed in or not', async () => {
    const alice = pool.add(await signUp(server, 'raw'));
    for (const headers of [{}, { authorization: `Bearer ${alice.token}` }] as Record<string, string>[]) {
      for (const body of ['{not json', '', '{"roomId":', 'null', '[1,2']) {
        const res = await fetch(`${server.url}/trpc/message.send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        expect(res.status, `body ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `body ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    }
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  test('an unknown procedure answers 404', async () => {
    const res = await fetch(`${server.url}/trpc/no.such.procedure`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});
