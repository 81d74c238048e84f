import { join } from 'node:path';
import { createSignInThrottle, type SignInThrottle } from './auth/sign-in-throttle.ts';
import type { Config } from './config.ts';
import { PRESENCE_CHANNEL, type FanOut } from './fanout/fanout.ts';
import { MemoryFanOut } from './fanout/memory-fanout.ts';
import { connectOrFail, connectRedis, RedisFanOut } from './fanout/redis-fanout.ts';
import type { Logger } from './log.ts';
import { LocalPresence, type Presence, type PresenceAnnouncer } from './presence/presence.ts';
import { RedisPresence } from './presence/redis-presence.ts';
import { createRateLimits, type RateLimits } from './rate-limit.ts';
import { PostgresStore } from './storage/postgres-store.ts';
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
 */
export async function openBackends(config: Config, log: Logger): Promise<Backends> {
  const store: ChatStore = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl, log)
    : new SqliteStore(join(config.dataDir, 'chat.db'), {
        onIndexingFailed: (err) => log.warn({ err }, 'search index: new messages cannot be indexed; retrying every 200 ms, and searches index for themselves'),
        onIndexingRecovered: (failedAttempts) => log.info({ failedAttempts }, 'search index: indexing works again'),
      }, { synchronous: config.sqliteSync === 'full' ? 'FULL' : 'NORMAL' });
  if (!config.redisUrl) {
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
  const redisOpts = { url: config.redisUrl, prefix: config.redisPrefix ?? 'chat:', log };
  let fanout: RedisFanOut | undefined;
  // Presence and rate limits fail fast while Redis is away (and fall back to this process).
  const commands = connectRedis(redisOpts, 'commands', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  try {
    fanout = await RedisFanOut.open(redisOpts);
    await connectOrFail(commands, config.redisUrl);
  } catch (err) {
    await fanout?.close();
    await store.close();
    throw err;
  }
  const presence = new RedisPresence({ redis: commands, prefix: redisOpts.prefix, log, announce: announcer(fanout, log) });
  const shared = fanout;
  const budgets = { client: commands, prefix: redisOpts.prefix };
  return {
    store,
    fanout: shared,
    presence,
    limits: createRateLimits(config.rateLimit, budgets),
    signIns: createSignInThrottle(config.rateLimit, config.limits, log, budgets),
    async close() {
      await presence.close();
      await shared.close();
      commands.disconnect();
      await store.close();
    },
  };
}

/** Presence changes go out on the fan-out, for the members lists that are open (live/room-presence.ts). */
function announcer(fanout: FanOut, log: Logger): PresenceAnnouncer {
  return (userId) => {
    fanout.publish(PRESENCE_CHANNEL, { kind: 'presence', userId }).catch((err: Error) => {
      log.debug({ reason: err.message }, 'presence change not announced; open members lists poll it');
    });
  };
}

async function openPostgresStore(url: string, log: Logger): Promise<PostgresStore> {
  try {
    return await PostgresStore.open(url, {
      // A dropped connection is replaced on next use; requests that were using it fail cleanly.
      onConnectionError: (err) => log.warn({ reason: err.message }, 'PostgreSQL connection lost; the pool reconnects on demand'),
    });
  } catch (err) {
    const host = new URL(url).host;
    throw new Error(`DATABASE_URL: cannot use PostgreSQL at ${host}: ${(err as Error).message}`);
  }
}
