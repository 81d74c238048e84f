import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, expect, test } from 'vitest';
import { dropRedisKeys, redisPrefix, TEST_REDIS_URL } from '../../test/services.ts';
import { createLogger } from '../log.ts';
import { RedisPresence } from './redis-presence.ts';

const log = createLogger('silent');
const connections: Redis[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  for (const c of connections) c.disconnect();
  for (const p of prefixes) await dropRedisKeys(p);
});

async function processes(count: number, timing = { heartbeatMs: 50, ttlMs: 400 }, announce?: (process: number, userId: string) => void) {
  const prefix = await redisPrefix();
  prefixes.push(prefix);
  const clients = Array.from({ length: count }, () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => {});
    connections.push(redis);
    return redis;
  });
  // Connected first, as the server does (backends.ts): commands fail fast while not connected.
  await Promise.all(clients.map((redis) => (redis.status === 'ready' ? undefined : once(redis, 'ready'))));
  return clients.map((redis, i) => ({
    redis,
    presence: new RedisPresence({ redis, prefix, log, ...timing, announce: (userId) => announce?.(i, userId) }),
  }));
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  expect(await check()).toBe(true);
};

test('online while any process has a socket of the user; offline when the last one closes', async () => {
  const [one, two] = await processes(2);
  await new Promise((r) => setTimeout(r, 100)); // both have sent a heartbeat
  const onOne = one!.presence.connect('7');
  const onTwo = two!.presence.connect('7');
  await until(async () => (await two!.presence.onlineAmong(['7', '8'])).has('7'));
  onTwo();
  onTwo(); // releasing twice counts once
  await until(async () => (await two!.presence.onlineAmong(['7'])).has('7'));
  expect([...(await one!.presence.onlineAmong(['7', '8']))]).toEqual(['7']);
  onOne();
  await until(async () => (await two!.presence.onlineAmong(['7'])).size === 0);
  await Promise.all([one!.presence.close(), two!.presence.close()]);
});

test('the users of a process that died (no clean stop) go offline once its heartbeat lapses', async () => {
  const [victim, survivor] = await processes(2);
  victim!.presence.connect('42');
  await until(async () => (await survivor!.presence.onlineAmong(['42'])).has('42'));
  victim!.redis.disconnect(); // as if SIGKILLed: no more heartbeats, nothing cleaned up
  await until(async () => !(await survivor!.presence.onlineAmong(['42'])).has('42'));
  await Promise.all([victim!.presence.close(), survivor!.presence.close()]);
});

test('while Redis is unreachable a process still answers for its own sockets', async () => {
  const [only] = await processes(1);
  only!.presence.connect('5');
  only!.redis.disconnect();
  expect([...(await only!.presence.onlineAmong(['5', '6']))]).toEqual(['5']);
  await only!.presence.close();
});

test('a change is announced once the other processes can see it', async () => {
  // Slow heartbeats: only the change itself can make the user visible elsewhere in time.
  const seen: { process: number; userId: string; onlineElsewhere: boolean }[] = [];
  const [one, two] = await processes(2, { heartbeatMs: 60_000, ttlMs: 120_000 }, (process, userId) => {
    void two!.presence.onlineAmong([userId]).then((online) => seen.push({ process, userId, onlineElsewhere: online.has(userId) }));
  });
  await new Promise((r) => setTimeout(r, 100)); // both have sent their first heartbeat
  const release = one!.presence.connect('9');
  await until(async () => seen.length === 1);
  release();
  await until(async () => seen.length === 2);
  expect(seen).toEqual([
    { process: 0, userId: '9', onlineElsewhere: true },
    { process: 0, userId: '9', onlineElsewhere: false },
  ]);
  await Promise.all([one!.presence.close(), two!.presence.close()]);
});
