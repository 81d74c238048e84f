import { join } from 'node:path';
import { createSignInThrottle, type SignInThrottle } from './auth/sign-in-throttle.ts';
import type { Config } from './config.ts';
import type { FanOut } from './fanout/fanout.ts';
import { MemoryFanOut } from './fanout/memory-fanout.ts';
import type { Logger } from './log.ts';
import { LocalPresence, type Presence } from './presence/presence.ts';
import { announcer } from './presence-announcer.ts';
import { createRateLimits, type RateLimits } from './rate-limit.ts';
import { SqliteStore } from './storage/sqlite-store.ts';
import type { ChatStore } from './storage/store.ts';

/** What one server process shares with the others, or keeps to itself when it runs alone. */
export interface Backends {
  store: ChatStore;
  fanout: FanOut;
  presence: Presence;
  limits: RateLimits;
  signIns: SignInThrottle;
  close(): Promise<void>;
}

/**
 * Storage by DATABASE_URL (PostgreSQL, else the SQLite file in DATA_DIR); fan-out, presence
 * and rate limits by REDIS_URL (Redis, else in-process).
 *
 * The PostgreSQL store and the Redis modules are imported only when their variable is set, so
 * that a server on SQLite does not hold them, nor ioredis, in memory (build.mjs gives each a
 * chunk of its own).
 */
export async function openBackends(config: Config, log: Logger): Promise<Backends> {
  const store: ChatStore = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl, log)
    : new SqliteStore(join(config.dataDir, 'chat.db'), {
        onIndexingFailed: (err) => log.warn({ err }, 'search index: new messages cannot be indexed; retrying every 200 ms, and searches index for themselves'),
        onIndexingRecovered: (failedAttempts) => log.info({ failedAttempts }, 'search index: indexing works again'),
      }, { synchronous: config.sqliteSync === 'full' ? 'FULL' : 'NORMAL' });
  if (config.redisUrl) {
    try {
      const { openRedisBackends } = await import('./redis-backends.ts').catch((err: Error) => {
        throw new Error(`REDIS_URL: cannot use Redis: ${err.message}`);
      });
      return await openRedisBackends(config, config.redisUrl, store, log);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const fanout = new MemoryFanOut();
  return {
    store,
    fanout,
    presence: new LocalPresence(announcer(fanout, log)),
    limits: createRateLimits(config.rateLimit),
    signIns: createSignInThrottle(config.rateLimit, config.limits, log),
    close: () => store.close(),
  };
}

async function openPostgresStore(url: string, log: Logger): Promise<ChatStore> {
  try {
    // Inside the try: a missing pg package is reported like an unreachable database.
    const { PostgresStore } = await import('./storage/postgres-store.ts');
    return await PostgresStore.open(url, {
      // A dropped connection is replaced on next use; requests that were using it fail cleanly.
      onConnectionError: (err) => log.warn({ reason: err.message }, 'PostgreSQL connection lost; the pool reconnects on demand'),
    });
  } catch (err) {
    const host = new URL(url).host;
    throw new Error(`DATABASE_URL: cannot use PostgreSQL at ${host}: ${(err as Error).message}`);
  }
}
