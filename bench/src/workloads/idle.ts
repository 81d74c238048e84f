import { driverFor } from '../clients/drivers.ts';
import type { Subscription } from '../clients/driver.ts';
import { OursDriver } from '../clients/ours-driver.ts';
import type { BenchConfig } from '../config.ts';
import { Inspector } from '../proc/inspector.ts';
import { cpuMicros, rssBytes } from '../proc/proc-stats.ts';
import { startTarget, type RunningTarget } from '../targets/start.ts';
import type { TargetName } from '../targets/target.ts';
import { inBatches, now, sleep } from '../util/time.ts';

type IdleConfig = NonNullable<BenchConfig['idle']>;

export interface IdlePoint {
  connections: number;
  /** RSS growth per connection since the previous point (the first: since one connection). */
  rssPerConnection: number;
  heapPerConnection: number;
  /**
   * Server CPU (user + system) per connection opened and subscribed since the previous point, in
   * µs, on a target of its own that nothing forces to collect garbage.
   */
  cpuUsPerConnect: number;
  /**
   * The same on the memory target, right after the full GC forced through the inspector for the
   * previous heap reading: the heap then grows back at the clients' expense.
   */
  cpuUsPerConnectAfterGc: number;
}

/** The connect window ends once the target has used no CPU for this long… */
const QUIET_MS = 100;
/** … or this long after the last subscription was confirmed, should it never go quiet. */
const QUIET_WAIT_MAX_MS = 5_000;

/**
 * The target's CPU time once it has used none for QUIET_MS. Our server confirms a subscription
 * (`started`) before it listens to the room and reads where the room stands: that work of the
 * last subscribers goes on after their confirmation and belongs in the window; the quiet adds nothing.
 */
async function cpuOnceQuiet(pid: number): Promise<number> {
  const deadline = now() + QUIET_WAIT_MAX_MS;
  let cpu = cpuMicros(pid);
  let since = now();
  while (now() - since < QUIET_MS && now() < deadline) {
    await sleep(10);
    const later = cpuMicros(pid);
    if (later !== cpu) [cpu, since] = [later, now()];
  }
  return cpu;
}

/**
 * Opens subscribed connections on `target` up to each of `cfg.counts` in turn and returns the
 * server's CPU per connection of each step; `settle` runs before the first step (with 0) and after
 * each (with the connections then open).
 */
async function connectInSteps(
  target: RunningTarget,
  cfg: IdleConfig,
  users: number,
  settle: (connections: number) => Promise<void> = async () => {},
): Promise<number[]> {
  const subs: Subscription[] = [];
  const cpuPerStep: number[] = [];
  try {
    const driver = await driverFor(target, users);
    const rooms = await driver.createRooms('idle', cfg.rooms);
    const room = (conn: number) => rooms[conn % rooms.length] as string;
    // Our accounts become members of a room once (room.join, a database write), not once per
    // connection: done before anything is measured, so the connect windows hold connections only.
    if (driver instanceof OursDriver) {
      const conns = Array.from({ length: Math.max(...cfg.counts) + 1 }, (_, conn) => conn);
      await inBatches(conns, 4, (conn) => driver.pool.join(driver.pool.user(conn), room(conn)));
    }
    // One connection through the whole path first, so lazily loaded code is not counted per connection.
    subs.push(await driver.subscribe(room(0), 0, () => {}));
    await settle(0);
    for (const count of cfg.counts) {
      const slots = Array.from({ length: count - subs.length + 1 }, (_, i) => subs.length + i);
      const cpuBefore = cpuMicros(target.pid);
      subs.push(...(await inBatches(slots, 50, (conn) => driver.subscribe(room(conn), conn, () => {}))));
      cpuPerStep.push(((await cpuOnceQuiet(target.pid)) - cpuBefore) / slots.length);
      await settle(subs.length - 1);
    }
    return cpuPerStep;
  } finally {
    for (const sub of subs) sub.close();
  }
}

/**
 * Idle subscribed connections, on two fresh targets. Memory: on a target started with the
 * inspector, so that a full GC can be forced from outside before each reading: V8 heap (after
 * N − before) / N, and RSS growth per connection from one count to the next (RSS since the start
 * would be skewed by memory the allocator kept from start-up, password hashing for the accounts,
 * and hands out again). CPU: the server's, from the first connect to the last subscription, per
 * connection, on a second target without the inspector. The forced GC shrinks the heap to what is
 * live, so the connections right after it pay for the collections that grow it back (on our server
 * from 2,000 to 5,000: twice the scavenges and a full mark), the more so the more a server allocates
 * per connection; no server in use is made to collect like that. The report shows that figure too
 * (`cpuUsPerConnectAfterGc`), measured on the memory target.
 */
export async function idleConnections(name: TargetName, cfg: IdleConfig, users: number): Promise<IdlePoint[]> {
  const cpuTarget = await startTarget(name);
  let cpu: number[];
  try {
    cpu = await connectInSteps(cpuTarget, cfg, users);
  } finally {
    await cpuTarget.stop();
  }

  const target = await startTarget(name, { inspect: true });
  const inspector = await Inspector.open(await target.inspectorUrl);
  try {
    const readings: { connections: number; rss: number; heap: number }[] = [];
    const cpuAfterGc = await connectInSteps(target, cfg, users, async (connections) => {
      await sleep(cfg.settleMs);
      const heap = await inspector.collectGarbage();
      await sleep(200);
      readings.push({ connections, rss: rssBytes(target.pid), heap });
    });
    const [base, ...steps] = readings as [(typeof readings)[number], ...typeof readings];
    return steps.map((m, i) => {
      const previous = readings[i] as (typeof readings)[number];
      return {
        connections: m.connections,
        rssPerConnection: (m.rss - previous.rss) / (m.connections - previous.connections),
        heapPerConnection: (m.heap - base.heap) / m.connections,
        cpuUsPerConnect: cpu[i] ?? Number.NaN,
        cpuUsPerConnectAfterGc: cpuAfterGc[i] ?? Number.NaN,
      };
    });
  } finally {
    inspector.close();
    await target.stop();
  }
}
