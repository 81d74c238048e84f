import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Budgets per user: points per window in seconds. Signing in and up has its own (auth/sign-in-throttle.ts). */
const BUDGETS = {
  send: { points: 30, duration: 10 },
  edit: { points: 30, duration: 10 },
  react: { points: 60, duration: 10 },
  typing: { points: 30, duration: 10 },
  createRoom: { points: 10, duration: 60 },
  search: { points: 30, duration: 10 },
  query: { points: 120, duration: 10 },
  upload: { points: 30, duration: 60 },
} as const;

export type RateLimitKind = keyof typeof BUDGETS;

export class TooManyRequests extends Error {
  constructor(
    readonly retryAfterMs: number,
    what = 'too many requests',
  ) {
    super(`${what}; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export interface RateLimits {
  consume(kind: RateLimitKind, key: string): Promise<void>;
}

/** Where budgets are shared by every server process. */
export interface SharedBudgets {
  client: Redis;
  prefix: string;
}

export interface BudgetOptions {
  points: number;
  /** Seconds. */
  duration: number;
  /** Seconds a key stays refused once it has spent its points, instead of the rest of its window. */
  blockDuration?: number;
}

/**
 * A budget in this process, or with `shared` one shared by every server process (a client cannot
 * multiply it by reaching several processes); while Redis is unreachable each process falls back
 * to its own in-memory budget rather than failing the request.
 */
export function budget(name: string, options: BudgetOptions, shared?: SharedBudgets): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: name, ...options });
  if (!shared) return memory;
  return new RateLimiterRedis({
    storeClient: shared.client,
    keyPrefix: `${shared.prefix}rl:${name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
    ...options,
  });
}

/** Takes a point from `key`'s budget; a spent budget is a TooManyRequests saying `what`. */
export async function spend(limiter: RateLimiterAbstract, key: string, what?: string, options?: { customDuration: number }): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key, 1, options);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new TooManyRequests(err.msBeforeNext, what);
    throw err;
  }
}

export function createRateLimits(enabled: boolean, shared?: SharedBudgets): RateLimits {
  if (!enabled) return { consume: async () => {} };
  const limiters = Object.fromEntries(Object.entries(BUDGETS).map(([kind, options]) => [kind, budget(kind, options, shared)])) as Record<
    RateLimitKind,
    RateLimiterAbstract
  >;
  return {
    async consume(kind, key) {
      await spend(limiters[kind], key);
    },
  };
}
