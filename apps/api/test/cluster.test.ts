import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { PROTOCOL_VERSION } from '@chat/api-types';
import type { AppRouter } from '../src/router.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { connectHttp, eventually, type Client } from './harness.ts';
import { codeOf } from './helpers.ts';
import { adminQuery, createTestDatabase, type TestDatabase } from './services.ts';

/**
 * Three real server processes (`node --import tsx src/main.ts`) on one PostgreSQL database
 * and one Redis, as behind a load balancer without sticky sessions. Redis is a private
 * `redis-server` on a free port, so this file may restart it without disturbing anyone.
 * Clients pick a live server whenever they (re)connect, as a load balancer would.
 */
const MAIN = join(import.meta.dirname, '../src/main.ts');
const PREFIX = `chat-cluster:${process.pid}:`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Proc {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, output: () => output };
}

/** A private redis-server; fails with a clear message if the binary is missing. */
async function startRedis(port: number): Promise<Proc> {
  const proc = spawnLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await new Promise<void>((resolve, reject) => {
    proc.child.once('error', (err) =>
      reject(new Error(`cannot start redis-server (${err.message}): install it with \`apt-get install -y redis-server\``)),
    );
    const check = setInterval(() => {
      if (proc.output().includes('Ready to accept connections')) {
        clearInterval(check);
        resolve();
      }
    }, 20);
    void proc.exited.then(() => {
      clearInterval(check);
      reject(new Error(`redis-server exited at start: ${proc.output().slice(-500)}`));
    });
  });
  return proc;
}

interface Server {
  url: string;
  proc: Proc;
  alive: boolean;
}

let db: TestDatabase;
let dataDir: string;
let redisPort: number;
let redis: Proc;
const servers: Server[] = [];

async function startServerProcess(): Promise<Server> {
  const port = await freePort();
  const proc = spawnLogged(process.execPath, ['--import', 'tsx', MAIN], {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_PREFIX: PREFIX,
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
  });
  const server = { url: `http://127.0.0.1:${port}`, proc, alive: true };
  void proc.exited.then(() => (server.alive = false));
  await eventually(async () => {
    expect(server.alive, proc.output()).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 20_000);
  return server;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'chat-cluster-'));
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  // Started together, as a deployment would: migrations take turns through an advisory lock.
  servers.push(...(await Promise.all([startServerProcess(), startServerProcess(), startServerProcess()])));
}, 60_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers) if (s.alive) s.proc.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.proc.exited));
  redis?.child.kill('SIGKILL');
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const clients: { close(): void }[] = [];
let next = 0;
/** A live server other than `avoid`, round robin: the load balancer. */
const pick = (avoid?: Server) => {
  const live = servers.filter((s) => s.alive && s !== avoid);
  return live[next++ % live.length]!;
};

/** A WebSocket client that (re)connects to a live server each time; starts on `home`. It speaks the web app's protocol version. */
function connect(token: string, home: Server): { client: Client; server: () => Server } {
  let current = home;
  const ws = createWSClient({
    url: () => {
      if (!current.alive) current = pick();
      return current.url.replace(/^http/, 'ws') + '/trpc';
    },
    connectionParams: { token, protocol: String(PROTOCOL_VERSION) },
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 100,
  });
  clients.push(ws);
  return { client: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }), server: () => current };
}

let users = 0;
async function register(on: Server, name: string) {
  const username = `${name}${++users}`;
  return connectHttp(on).auth.register.mutate({ username, password: 'correct horse battery' });
}

/** Records every event of a room from `lastEventId` on; resubscribes from its last event after an error. */
function reader(token: string, home: Server, roomId: string, lastEventId: string) {
  const { client } = connect(token, home);
  const ids: string[] = [];
  const messageIds: string[] = [];
  const errors: string[] = [];
  let last = lastEventId;
  const subscribe = () =>
    client.message.onEvent.subscribe(
      { roomId, lastEventId: last },
      {
        onData: (e) => {
          ids.push(e.id);
          if (e.data.type === 'created') messageIds.push(e.data.message.id);
          last = e.id;
        },
        onError: (err) => {
          errors.push(err.message);
          setTimeout(subscribe, 200);
        },
      },
    );
  subscribe();
  return { ids, messageIds, errors };
}

interface Figures {
  sent: number;
  acknowledged: number;
  failedAttempts: number;
  received: number[];
  lost: number[];
  repeated: number[];
}

/**
 * Writers on every server send `perWriter` messages each, retrying a failed send with the same
 * clientMsgId (as the web app's outbox does); readers on every server follow the room. Once a
 * third of the messages are acknowledged, `disturb` runs while the traffic goes on.
 */
async function traffic(
  label: string,
  disturb: () => Promise<void>,
  /** Runs after the writers are done, before the checks; `send` sends one more acknowledged message. */
  tail: (send: (body: string) => Promise<void>) => Promise<void> = async () => {},
  opts = { writers: 6, perWriter: 40 },
): Promise<Figures> {
  const owner = await register(servers[0]!, 'owner');
  const roomName = `${label} ${Date.now()}`;
  const room = await connectHttp(servers[0]!, owner.token).room.create.mutate({ name: roomName });
  const { lastEventId } = await connectHttp(servers[0]!, owner.token).message.history.query({ roomId: room.id });

  const readers = [];
  for (const s of servers.filter((x) => x.alive)) {
    const r = await register(s, 'reader');
    readers.push(reader(r.token, s, room.id, lastEventId));
  }
  const writers: Client[] = [];
  for (let w = 0; w < opts.writers; w++) {
    const home = servers.filter((x) => x.alive)[w % servers.filter((x) => x.alive).length]!;
    const u = await register(home, 'writer');
    await connectHttp(home, u.token).room.join.mutate({ roomId: room.id });
    writers.push(connect(u.token, home).client);
  }
  await sleep(300); // the readers' subscriptions are up

  const acked = new Set<string>();
  let attempts = 0;
  let failedAttempts = 0;
  const failures = new Map<string, number>();
  let disturbance: Promise<void> | null = null;
  const threshold = Math.floor((opts.writers * opts.perWriter) / 3);

  await Promise.all(
    writers.map(async (client, w) => {
      for (let i = 0; i < opts.perWriter; i++) {
        for (let attempt = 1; ; attempt++) {
          attempts++;
          try {
            const m = await client.message.send.mutate({ roomId: room.id, body: `${label} w${w} m${i}`, clientMsgId: `${label}-${w}-${i}` });
            acked.add(m.id);
            break;
          } catch (err) {
            failedAttempts++;
            const reason = (err as Error).message.slice(0, 80);
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
            if (attempt > 100) throw err;
            await sleep(100);
          }
        }
        if (acked.size >= threshold && !disturbance) disturbance = disturb();
        await sleep(5);
      }
    }),
  );
  await disturbance;
  await tail(async (body) => {
    for (let attempt = 1; ; attempt++) {
      try {
        acked.add((await writers[0]!.message.send.mutate({ roomId: room.id, body, clientMsgId: `${label}-tail-${body}` })).id);
        return;
      } catch (err) {
        if (attempt > 50) throw err;
        await sleep(100);
      }
    }
  });

  const history = new Set<string>();
  let before: string | null = null;
  const http = connectHttp(pick(), owner.token);
  for (;;) {
    const page: Awaited<ReturnType<typeof http.message.history.query>> = await http.message.history.query({ roomId: room.id, before, limit: 100 });
    for (const m of page.messages) history.add(m.id);
    if (!page.nextCursor) break;
    before = page.nextCursor;
  }
  // Every committed message was acknowledged (failed sends were retried until they were).
  expect([...history].sort()).toEqual([...acked].sort());

  for (const r of readers) {
    await eventually(() => expect(new Set(r.messageIds).size).toBe(acked.size), 30_000);
  }
  const figures: Figures = {
    sent: acked.size,
    acknowledged: acked.size,
    failedAttempts,
    received: readers.map((r) => r.messageIds.length),
    lost: readers.map((r) => [...acked].filter((id) => !r.messageIds.includes(id)).length),
    repeated: readers.map((r) => r.ids.length - new Set(r.ids).size),
  };
  console.log(`[cluster] ${label}: ${JSON.stringify(figures)}; send attempts ${attempts}; failures ${JSON.stringify([...failures])}`);
  for (const r of readers) {
    // In order, nothing twice, everything acknowledged.
    const seqs = r.ids.map(Number);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(r.ids).size).toBe(r.ids.length);
    expect([...r.messageIds].sort()).toEqual([...acked].sort());
  }
  return figures;
}

describe('three server processes on PostgreSQL and Redis', () => {
  test('users connected to different processes chat live; presence and typing cross processes', async () => {
    const [s1, s2, s3] = servers as [Server, Server, Server];
    const ana = await register(s1, 'ana');
    const ben = await register(s2, 'ben');
    const cy = await register(s3, 'cy');
    const anaWs = connect(ana.token, s1).client;
    const benWs = connect(ben.token, s2).client;
    const cyWs = connect(cy.token, s3).client;
    const room = await anaWs.room.create.mutate({ name: `Live ${Date.now()}` });
    await benWs.room.join.mutate({ roomId: room.id });
    await cyWs.room.join.mutate({ roomId: room.id });
    const got: string[] = [];
    cyWs.message.onEvent.subscribe({ roomId: room.id }, { onData: (e) => got.push(e.data.message.body) });
    const typing: string[][] = [];
    cyWs.room.onTyping.subscribe({ roomId: room.id }, { onData: (s) => typing.push(s.users.map((u) => u.username)) });
    await sleep(200);
    await anaWs.message.send.mutate({ roomId: room.id, body: 'from process 1', clientMsgId: 'live-1' });
    await benWs.message.send.mutate({ roomId: room.id, body: 'from process 2', clientMsgId: 'live-2' });
    await eventually(() => expect(got).toEqual(['from process 1', 'from process 2']));
    await benWs.room.setTyping.mutate({ roomId: room.id, typing: true });
    await eventually(() => expect(typing.at(-1)).toEqual([ben.user.username]));
    const members = await cyWs.room.members.query({ roomId: room.id });
    expect(members.every((m) => m.online)).toBe(true);
  });

  test('a reaction or a pin made on one process is seen live on the others, saying who made it', async () => {
    const [s1, s2, s3] = servers as [Server, Server, Server];
    const [ana, ben, cy] = [await register(s1, 'ana'), await register(s2, 'ben'), await register(s3, 'cy')];
    const [anaWs, benWs, cyWs] = [connect(ana.token, s1).client, connect(ben.token, s2).client, connect(cy.token, s3).client];
    const room = await anaWs.room.create.mutate({ name: `Reactions ${Date.now()}` });
    for (const ws of [benWs, cyWs]) await ws.room.join.mutate({ roomId: room.id });
    const message = await anaWs.message.send.mutate({ roomId: room.id, body: 'ship it?', clientMsgId: 'react-1' });
    const seen: string[] = [];
    cyWs.message.onEvent.subscribe(
      { roomId: room.id, lastEventId: String(message.seq) },
      { onData: ({ data: e }) => seen.push(`${e.type} ${'emoji' in e ? e.emoji : ''} by ${'by' in e ? e.by.username : ''}: ${e.message.reactions.map((r) => `${r.emoji}${r.count}`).join()}`) },
    );
    await benWs.message.react.mutate({ messageId: message.id, emoji: '👍' });
    await anaWs.message.react.mutate({ messageId: message.id, emoji: '👍' });
    await benWs.message.pin.mutate({ messageId: message.id });
    await eventually(() =>
      expect(seen).toEqual([
        `reacted 👍 by ${ben.user.username}: 👍1`,
        `reacted 👍 by ${ana.user.username}: 👍2`,
        `pinned  by ${ben.user.username}: 👍2`,
      ]),
    );
  });

  test("a read marker moved on one process is seen live in another process's \"seen by\"", async () => {
    const [s1, s2] = servers as [Server, Server, Server];
    const [ana, ben] = [await register(s1, 'ana'), await register(s2, 'ben')];
    const [anaWs, benWs] = [connect(ana.token, s1).client, connect(ben.token, s2).client];
    const room = await anaWs.room.create.mutate({ name: `Seen ${Date.now()}` });
    await benWs.room.join.mutate({ roomId: room.id });
    const message = await anaWs.message.send.mutate({ roomId: room.id, body: 'read me', clientMsgId: 'seen-1' });
    const reads: unknown[] = [];
    anaWs.room.onReads.subscribe({ roomId: room.id }, { onData: (e) => reads.push(e) });
    await eventually(() => expect(reads).toHaveLength(1));
    await benWs.message.markRead.mutate({ roomId: room.id, messageId: message.id });
    await eventually(() => expect(reads.at(-1)).toEqual({ type: 'read', userId: ben.user.id, lastReadSeq: message.seq }));
  });

  test('a status set on one process reaches user.onEvent on the others, as one event per client', async () => {
    const [s1, s2, s3] = servers as [Server, Server, Server];
    const [ana, ben, cy] = [await register(s1, 'ana'), await register(s2, 'ben'), await register(s3, 'cy')];
    const watchers = [connect(ben.token, s2).client, connect(cy.token, s3).client].map((client) => {
      const told: unknown[] = [];
      const started = new Promise<void>((resolve) => client.user.onEvent.subscribe(undefined, { onStarted: () => resolve(), onData: (e) => told.push(e) }));
      return { told, started };
    });
    for (const { started } of watchers) await started;
    await connect(ana.token, s1).client.user.setStatus.mutate({ status: 'in the cluster' });
    const expected = [{ type: 'profile-changed', userId: ana.user.id }];
    for (const { told } of watchers) await eventually(() => expect(told.filter((e) => (e as { userId?: string }).userId === ana.user.id)).toEqual(expected));
  });

  test('revoking a session, or changing the password, on one process ends its sockets on the others at once', async () => {
    const [s1, s2, s3] = servers as [Server, Server, Server];
    const ana = await register(s1, 'ana');
    const signIn = async (on: Server) => connect((await connectHttp(on).auth.login.mutate({ username: ana.user.username, password: 'correct horse battery' })).token, on).client;
    /** The codes a running subscription of `client` ended with, as they come. */
    const subscription = async (client: Client) => {
      const general = (await client.room.list.query()).find((r) => r.name === 'General')!;
      const ended: unknown[] = [];
      await new Promise<void>((resolve) =>
        client.message.onEvent.subscribe({ roomId: general.id }, { onStarted: () => resolve(), onError: (err) => ended.push(codeOf(err)) }),
      );
      return ended;
    };
    const laptop = await signIn(s2);
    const phone = await signIn(s3);
    const [laptopEnded, phoneEnded] = [await subscription(laptop), await subscription(phone)];
    const home = connect(ana.token, s1).client;

    await home.auth.revoke.mutate({ sessionId: (await laptop.auth.sessions.query()).find((s) => s.current)!.id });
    await eventually(() => expect(laptopEnded).toEqual(['UNAUTHORIZED']));
    expect(phoneEnded).toEqual([]);
    await home.auth.changePassword.mutate({ currentPassword: 'correct horse battery', newPassword: 'a new password' });
    await eventually(() => expect(phoneEnded).toEqual(['UNAUTHORIZED']));
    expect(await home.auth.me.query()).toEqual(ana.user);
  });

  test('a PostgreSQL connection drop mid-traffic: clear errors, no crash, nothing lost', async () => {
    const figures = await traffic('pgdrop', async () => {
      const killed = await adminQuery<{ pid: number }>(
        'SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [db.name],
      );
      expect(killed.length).toBeGreaterThan(0);
    });
    expect(figures.lost).toEqual(figures.lost.map(() => 0));
    expect(servers.filter((s) => !s.alive).map((s) => s.proc.output())).toEqual([]);
    for (const s of servers) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const logs = servers.map((s) => s.proc.output()).join('\n');
    expect(logs).toContain('PostgreSQL connection lost');
    expect(logs).not.toMatch(/uncaught|unhandled/i);
  });

  test('Redis restarted mid-traffic: every reader has every message after recovery', async () => {
    const restartRedis = async (send?: (body: string) => Promise<void>) => {
      redis.child.kill('SIGKILL');
      await redis.exited;
      // Messages are stored while Redis is away, and nobody hears of them live.
      if (send) for (let i = 0; i < 5; i++) await send(`while Redis was down ${i}`);
      else await sleep(500);
      redis = await startRedis(redisPort);
    };
    // Mid-traffic, and once more at the very end: then no later message can reveal the gap,
    // and only the resync after the reconnect brings the last five to the readers.
    const figures = await traffic('redis', () => restartRedis(), restartRedis);
    expect(figures.lost).toEqual(figures.lost.map(() => 0));
    expect(servers.every((s) => s.alive)).toBe(true);
    const logs = servers.map((s) => s.proc.output()).join('\n');
    expect(logs).toContain('Redis connection lost');
    expect(logs).toContain('Redis connection restored');
  });

  test('a process SIGKILLed mid-traffic: its clients resume on another, nothing lost, nothing repeated', async () => {
    const victim = servers[2]!;
    const figures = await traffic('sigkill', async () => {
      victim.proc.child.kill('SIGKILL');
      await victim.proc.exited;
    });
    expect(victim.alive).toBe(false);
    expect(figures.lost).toEqual(figures.lost.map(() => 0));
    expect(figures.repeated).toEqual(figures.repeated.map(() => 0));
  });
});
