import type { Driver } from '../clients/driver.ts';
import type { BenchConfig } from '../config.ts';
import type { RunningTarget } from '../targets/start.ts';
import { Audience, type LoadResult } from './audience.ts';

export interface LadderResult {
  steps: LoadResult[];
  /** The highest offered deliveries/s with p99 within the limit and nothing lost or doubled. */
  ceiling: number;
  /** False when every step passed: the real ceiling lies above the top step. */
  limitReached: boolean;
}

export const stepPasses = (step: LoadResult, p99LimitMs: number): boolean =>
  step.lost === 0 && step.duplicates === 0 && step.sendErrors === 0 && step.latency.p99 <= p99LimitMs;

/** Raises the offered rate step by step until p99 passes the limit or a message is lost (twice in a row). */
export async function rateLadder(target: RunningTarget, driver: Driver, cfg: NonNullable<BenchConfig['ladder']>): Promise<LadderResult> {
  const audience = await Audience.connect(driver, cfg.shape, 'ladder');
  const steps: LoadResult[] = [];
  let ceiling = 0;
  let limitReached = false;
  try {
    let rate = cfg.start;
    for (let i = 0; i < cfg.maxSteps; i++) {
      let step = await audience.run(target.pid, Math.round(rate), cfg.phase);
      // One retry: on a shared machine a single stall elsewhere should not end the ladder.
      if (!stepPasses(step, cfg.p99LimitMs)) step = await audience.run(target.pid, Math.round(rate), cfg.phase);
      steps.push(step);
      if (!stepPasses(step, cfg.p99LimitMs)) {
        limitReached = true;
        break;
      }
      ceiling = step.offeredDeliveriesPerSec;
      rate *= cfg.factor;
    }
  } finally {
    audience.close();
  }
  return { steps, ceiling, limitReached };
}
