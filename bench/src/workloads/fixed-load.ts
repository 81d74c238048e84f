import type { Driver } from '../clients/driver.ts';
import type { RunPhase } from '../config.ts';
import type { RunningTarget } from '../targets/start.ts';
import { Audience, type LoadResult, type Shape } from './audience.ts';

/** One shape (big room, many rooms) at one fixed offered load. */
export async function fixedLoad(
  target: RunningTarget,
  driver: Driver,
  name: string,
  shape: Shape & { deliveriesPerSec: number },
  phase: RunPhase,
): Promise<LoadResult> {
  const audience = await Audience.connect(driver, shape, name);
  try {
    return await audience.run(target.pid, shape.deliveriesPerSec, phase);
  } finally {
    audience.close();
  }
}
