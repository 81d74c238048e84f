import { createSignInThrottle } from './auth/sign-in-throttle.ts';
import type { Config } from './config.ts';
import { connectOrFail, connectRedis, RedisFanOut } from './fanout/redis-fanout.ts';
import type { Logger } from './log.ts';
import { RedisPresence } from './presence/redis-presence.ts';
import { announcer } from './presence-announcer.ts';
import { createRateLimits } from './rate-limit.ts';
import type { ChatStore } from './storage/store.ts';

/**
 * Fan-out, presence and rate limits shared through Redis by every server process. Imported by
 * backends.ts only when REDIS_URL is set, so that ioredis is not loaded otherwise. On failure
 * the caller closes `store`. Its result is checked against `Backends` where backends.ts returns
 * it (naming the type here would make the two modules import each other).
 */
export async function openRedisBackends(config: Config, url: string, store: ChatStore, log: Logger) {
  const redisOpts = { url, prefix: config.redisPrefix ?? 'chat:', log };
  let fanout: RedisFanOut | undefined;
  // Presence and rate limits fail fast while Redis is away (and fall back to this process).
  const commands = connectRedis(redisOpts, 'commands', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  try {
    fanout = await RedisFanOut.open(redisOpts);
    await connectOrFail(commands, url);
  } catch (err) {
    await fanout?.close();
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
