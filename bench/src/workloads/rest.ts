import { rssBytes } from '../proc/proc-stats.ts';
import type { RunningTarget } from '../targets/start.ts';
import { sleep } from '../util/time.ts';

/**
 * RSS of a target that was just started, `afterMs` after its health check answered and before
 * any client: what a server holds to do nothing, once start-up work (a JIT warming up, timers'
 * first runs) has had time to end.
 */
export async function restingRss(target: RunningTarget, afterMs: number): Promise<number> {
  await sleep(afterMs);
  return rssBytes(target.pid);
}
