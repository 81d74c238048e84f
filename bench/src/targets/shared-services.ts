import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

// The PostgreSQL and Redis that 'ours-pg' runs on: the ones the scale-out tests use, by default.
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Bench databases are chat_bench_<epoch seconds>_<random>; those a killed run left are dropped after an hour. */
const BENCH_DB = /^chat_bench_(\d+)_[0-9a-f]+$/;
const STALE_AFTER_SEC = 3600;

export interface SharedServices {
  /** DATABASE_URL, REDIS_URL and REDIS_PREFIX for the server. */
  env: NodeJS.ProcessEnv;
  /** Drops the database and deletes the Redis keys. */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`ours-pg needs PostgreSQL at ${PG_ADMIN_URL} (set BENCH_DATABASE_URL): ${(err as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
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

/** A new, empty database and a Redis key prefix no other run uses: each target process starts from nothing, as on SQLite. */
export async function freshSharedServices(): Promise<SharedServices> {
  const nowSec = Math.floor(Date.now() / 1000);
  const name = `chat_bench_${nowSec}_${randomBytes(5).toString('hex')}`;
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'chat\\_bench\\_%'`);
    const stale = rows.map((r) => r.datname).filter((d) => Number(BENCH_DB.exec(d)?.[1] ?? Infinity) < nowSec - STALE_AFTER_SEC);
    for (const old of stale) await client.query(`DROP DATABASE IF EXISTS "${old}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const prefix = `chat-bench:${name}:`;
  return {
    env: { DATABASE_URL: url.toString(), REDIS_URL, REDIS_PREFIX: prefix },
    async drop() {
      await admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
      await dropKeys(prefix);
    },
  };
}
