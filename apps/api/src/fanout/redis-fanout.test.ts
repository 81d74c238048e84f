import { Redis } from 'ioredis';
import { afterAll, expect, test } from 'vitest';
import { dropRedisKeys, redisPrefix, TEST_REDIS_URL } from '../../test/services.ts';
import { createLogger } from '../log.ts';
import { describeFanOut } from './fanout.conformance.ts';
import type { BusMessage } from './fanout.ts';
import { RedisFanOut } from './redis-fanout.ts';

const log = createLogger('silent');
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await dropRedisKeys(prefix);
});

/** Two fan-outs on one prefix: two server processes of one deployment. */
async function pair(given?: string): Promise<[RedisFanOut, RedisFanOut]> {
  const prefix = given ?? (await redisPrefix());
  prefixes.push(prefix);
  return [await RedisFanOut.open({ url: TEST_REDIS_URL, prefix, log }), await RedisFanOut.open({ url: TEST_REDIS_URL, prefix, log })];
}

describeFanOut('Redis', pair);

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

test('Redis: another prefix is another deployment, and hears nothing', async () => {
  const [a] = await pair();
  const [other] = await pair();
  const heard: BusMessage[] = [];
  const got: BusMessage[] = [];
  await other.subscribe('room:1', (m) => heard.push(m));
  await a.subscribe('room:1', (m) => got.push(m));
  await a.publish('room:1', { kind: 'session-revoked', sessionId: '1' });
  await until(() => got.length === 1);
  expect(heard).toEqual([]);
  await Promise.all([a.close(), other.close()]);
});

test('Redis: after its subscriber connection is dropped, every listener gets a resync, then live messages again', async () => {
  const prefix = await redisPrefix();
  const [a, b] = await pair(prefix);
  const room: BusMessage[] = [];
  const user: BusMessage[] = [];
  await b.subscribe('room:9', (m) => room.push(m));
  await b.subscribe('user:9', (m) => user.push(m));
  // Drop this run's subscriber connections from the server side, as a Redis restart or a blip would.
  const admin = new Redis(TEST_REDIS_URL);
  const clients = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  const ours = clients.split('\n').filter((line) => line.includes(` name=chat-subscribe-${prefix} `));
  expect(ours).toHaveLength(1); // b's: a subscribes to nothing
  for (const line of ours) await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line)![1]!);
  await until(() => room.some((m) => m.kind === 'resync') && user.some((m) => m.kind === 'resync'));
  await a.publish('room:9', { kind: 'session-revoked', sessionId: 'after' });
  await until(() => room.at(-1)?.kind === 'session-revoked');
  expect(room).toEqual([{ kind: 'resync' }, { kind: 'session-revoked', sessionId: 'after' }]);
  admin.disconnect();
  await Promise.all([a.close(), b.close()]);
});
