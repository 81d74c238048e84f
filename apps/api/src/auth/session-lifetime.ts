import type { Config } from '../config.ts';
import type { SessionWindow } from '../storage/store.ts';

const HOUR = 3_600_000;

/** The sessions alive at `now`: those used within the idle time (and before their end). */
export const aliveAt = (config: Pick<Config, 'sessionIdleMs'>, now = Date.now()): SessionWindow => ({
  now,
  usedAfter: now - config.sessionIdleMs,
});

/**
 * How often use is written down: hourly, so that a session costs one write an hour however
 * busy it is. Only when sessions idle out within hours is it a tenth of the idle time, so that
 * a session in use never ends for want of a write.
 */
export const renewalIntervalMs = (idleMs: number): number => Math.min(HOUR, idleMs / 10);
