import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Budgets per user (or per address for signing in): points per window in seconds. */
const BUDGETS = {
  send: { points: 30, duration: 10 },
  edit: { points: 30, duration: 10 },
  typing: { points: 30, duration: 10 },
  createRoom: { points: 10, duration: 60 },
  auth: { points: 20, duration: 60 },
  search: { points: 30, duration: 10 },
  query: { points: 120, duration: 10 },
  upload: { points: 30, duration: 60 },
} as const;

export type RateLimitKind = keyof typeof BUDGETS;

export class TooManyRequests extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export interface RateLimits {
  consume(kind: RateLimitKind, key: string): Promise<void>;
}

/**
 * In-process budgets, or with `redis` budgets shared by every server process (a user cannot
 * multiply their budget by reaching several processes); while Redis is unreachable each
 * process falls back to its own in-memory budget rather than failing the request.
 */
export function createRateLimits(enabled: boolean, redis?: { client: Redis; prefix: string }): RateLimits {
  if (!enabled) return { consume: async () => {} };
  const limiters = Object.fromEntries(
    Object.entries(BUDGETS).map(([kind, budget]): [string, RateLimiterAbstract] => {
      const memory = new RateLimiterMemory({ keyPrefix: kind, ...budget });
      if (!redis) return [kind, memory];
      return [
        kind,
        new RateLimiterRedis({
          storeClient: redis.client,
          keyPrefix: `${redis.prefix}rl:${kind}`,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
          ...budget,
        }),
      ];
    }),
  ) as Record<RateLimitKind, RateLimiterAbstract>;
  return {
    async consume(kind, key) {
      try {
        await limiters[kind].consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new TooManyRequests(err.msBeforeNext);
        throw err;
      }
    },
  };
}
