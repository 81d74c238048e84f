import { driverFor } from '../clients/drivers.ts';
import type { Subscription } from '../clients/driver.ts';
import type { BenchConfig } from '../config.ts';
import { Inspector } from '../proc/inspector.ts';
import { rssBytes } from '../proc/proc-stats.ts';
import { startTarget } from '../targets/start.ts';
import type { TargetName } from '../targets/target.ts';
import { inBatches, sleep } from '../util/time.ts';

export interface IdlePoint {
  connections: number;
  /** RSS growth per connection since the previous point (the first: since one connection). */
  rssPerConnection: number;
  heapPerConnection: number;
}

/**
 * Memory per idle subscribed connection, on a fresh target started with the inspector so a
 * full GC can be forced from outside before each reading: V8 heap (after N − before) / N, and
 * RSS growth per connection from one count to the next. RSS since the start would be skewed by
 * memory the allocator kept from start-up (password hashing for the accounts) and hands out again.
 */
export async function idleMemory(name: TargetName, cfg: NonNullable<BenchConfig['idle']>, users: number): Promise<IdlePoint[]> {
  const target = await startTarget(name, { inspect: true });
  const inspector = await Inspector.open(await target.inspectorUrl);
  const subs: Subscription[] = [];
  try {
    const driver = await driverFor(target, users);
    const rooms = await driver.createRooms('idle', cfg.rooms);
    const measure = async () => {
      await sleep(cfg.settleMs);
      const heap = await inspector.collectGarbage();
      await sleep(200);
      return { rss: rssBytes(target.pid), heap };
    };
    // One connection through the whole path first, so lazily loaded code is not counted per connection.
    subs.push(await driver.subscribe(rooms[0] as string, 0, () => {}));
    const base = await measure();
    const points: IdlePoint[] = [];
    let previous = { rss: base.rss, connections: 0 };
    for (const count of cfg.counts) {
      const slots = Array.from({ length: count - subs.length + 1 }, (_, i) => subs.length + i);
      subs.push(...(await inBatches(slots, 50, (conn) => driver.subscribe(rooms[conn % rooms.length] as string, conn, () => {}))));
      const m = await measure();
      const n = subs.length - 1;
      points.push({ connections: n, rssPerConnection: (m.rss - previous.rss) / (n - previous.connections), heapPerConnection: (m.heap - base.heap) / n });
      previous = { rss: m.rss, connections: n };
    }
    return points;
  } finally {
    for (const sub of subs) sub.close();
    inspector.close();
    await target.stop();
  }
}
