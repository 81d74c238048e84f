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

async function processes(count: number, timing = { heartbeatMs: 50, ttlMs: 400 }) {
  const prefix = await redisPrefix();
  prefixes.push(prefix);
  return Array.from({ length: count }, () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => {});
    connections.push(redis);
    return { redis, presence: new RedisPresence({ redis, prefix, log, ...timing }) };
  });
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
