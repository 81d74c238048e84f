import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The real PostgreSQL and Redis the scale-out tests run against. Every test run (and every
 * conformance test) gets its own database and its own Redis key prefix, so runs never collide.
 * When a service is down the test fails with a message saying how to start it: never a skip.
 */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

/** Test databases are named chat_t_<epoch seconds>_<random>; ones left by a killed run are dropped after an hour. */
const TEST_DB = /^chat_t_(\d+)_[0-9a-f]+$/;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(err as Error).message}). ` +
        `These tests need it: start it with \`${START_POSTGRES}\` (or set TEST_DATABASE_URL).`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server; `drop` removes it (closing its connections). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `chat_t_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'chat\\_t\\_%'`);
    const stale = rows.map((r) => r.datname).filter((d) => Number(TEST_DB.exec(d)?.[1] ?? Infinity) < Date.now() / 1000 - 3600);
    for (const old of stale) await client.query(`DROP DATABASE IF EXISTS "${old}" WITH (FORCE)`).catch(() => {});
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Runs SQL on the test server's admin database (e.g. pg_terminate_backend). */
export function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  return admin(async (client) => (await client.query<R>(text, values)).rows);
}

/** A key prefix no other run uses; checks that Redis answers at `url` first. */
export async function redisPrefix(url = TEST_REDIS_URL): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${url} (${(err as Error).message}). ` +
        `These tests need it: start it with \`${START_REDIS}\` (or set TEST_REDIS_URL).`,
    );
  } finally {
    redis.disconnect();
  }
  return `chat-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under `prefix` (what a test run left behind). */
export async function dropRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
