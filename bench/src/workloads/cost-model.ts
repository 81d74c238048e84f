import type { Driver } from '../clients/driver.ts';
import type { BenchConfig } from '../config.ts';
import type { RunningTarget } from '../targets/start.ts';
import { fixedLoad } from './fixed-load.ts';

export interface CostPoint {
  members: number;
  cpuUsPerMessage: number;
  lost: number;
  duplicates: number;
}

export interface CostModel {
  points: CostPoint[];
  /** CPU a message costs whatever the room's size: reading the send, storing, acknowledging. */
  perMessageUs: number;
  /** CPU each further member adds: one frame written to one socket. */
  perDeliveryUs: number;
}

/**
 * Server CPU per message in one room at the same message rate and ever more members, and the
 * least-squares line through it: cost = perMessage + members × perDelivery. A CPU-per-delivery
 * ratio mixes the two, and the mix depends on the room's size; this splits it, so what a
 * message costs (its storage, its acknowledgement) and what fan-out costs can be judged apart.
 */
export async function costModel(target: RunningTarget, driver: Driver, cfg: NonNullable<BenchConfig['costModel']>): Promise<CostModel> {
  const points: CostPoint[] = [];
  for (const members of cfg.members) {
    const shape = { rooms: 1, members, sendersPerRoom: 2, deliveriesPerSec: members * cfg.messagesPerSec };
    const run = await fixedLoad(target, driver, `cost${members}`, shape, cfg.phase);
    points.push({ members, cpuUsPerMessage: run.cpuUsPerDelivery * members, lost: run.lost, duplicates: run.duplicates });
  }
  const { intercept, slope } = leastSquares(points.map((p) => [p.members, p.cpuUsPerMessage]));
  return { points, perMessageUs: intercept, perDeliveryUs: slope };
}

function leastSquares(xy: [number, number][]): { intercept: number; slope: number } {
  const n = xy.length;
  const mx = xy.reduce((s, [x]) => s + x, 0) / n;
  const my = xy.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = xy.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = xy.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? Number.NaN : sxy / sxx;
  return { intercept: my - slope * mx, slope };
}
