import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Subscription } from '../clients/driver.ts';
import { driverFor } from '../clients/drivers.ts';
import type { OursDriver } from '../clients/ours-driver.ts';
import { QUICK } from '../config.ts';
import { Inspector } from '../proc/inspector.ts';
import { startTarget } from '../targets/start.ts';
import { Audience } from '../workloads/audience.ts';
import { reconnectStorm } from '../workloads/storm.ts';
import { inBatches, now, sleep } from '../util/time.ts';
import { longTasks, topSelfFrames } from './summarize.ts';

// npm run profile -w @chat/bench [-- many|pair|storm|connect]: a CPU profile of our server under the
// big-room (or many-rooms, or a pair's) load, taken through the inspector over the measured run only —
// not start-up, sign-ups or joins — or, for the reconnect storm, of the whole restarted server,
// or of 1,000 clients connecting and subscribing (the idle workload's connect step).
// It is written to /tmp/chat-bench-prof; its top self-time frames and the tasks that kept the
// event loop busy for 4 ms or more go to stdout.
const WORKLOADS = ['big', 'many', 'pair', 'storm', 'connect'] as const;
/** Two people at 200 messages/s: what a message costs with next to no fan-out (the cost model's first point). */
const PAIR = { rooms: 1, members: 2, sendersPerRoom: 2, deliveriesPerSec: 400 };
const workload = WORKLOADS.find((w) => w === process.argv[2]) ?? 'big';
const CONNECTS = 1_000;
const dir = join('/tmp', 'chat-bench-prof', String(Date.now()));
mkdirSync(dir, { recursive: true });
const SAMPLING_US = 100;
const LONG_TASK_MS = 4;

async function profileStorm(): Promise<{ file: string; summary: string }> {
  const storm = await reconnectStorm(QUICK.storm as NonNullable<typeof QUICK.storm>, QUICK.users, dir);
  // The restarted server's main thread (a worker thread of the loader may write a second one).
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const summary = `${storm.completed}/${storm.clients} resumed, backlog complete after ${storm.catchUpMs} ms, lost ${storm.lost}, duplicated ${storm.duplicates}`;
  return { file: join(dir, file), summary };
}

async function profileLoad(): Promise<{ file: string; summary: string }> {
  const target = await startTarget('ours', { inspect: true });
  const inspector = await Inspector.open(await target.inspectorUrl);
  try {
    const driver = await driverFor(target, QUICK.users);
    const shape = workload === 'many' ? QUICK.fixed.manyRooms : workload === 'pair' ? PAIR : QUICK.fixed.bigRoom;
    const audience = await Audience.connect(driver, shape, workload);
    try {
      // A first run so that the profile shows optimized code, not the JIT warming up.
      await audience.run(target.pid, shape.deliveriesPerSec, { durationMs: 2_000, warmupMs: 500, drainMs: 2_000 });
      await inspector.call('Profiler.enable');
      await inspector.call('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      await inspector.call('Profiler.start');
      const result = await audience.run(target.pid, shape.deliveriesPerSec, { durationMs: 10_000, warmupMs: 500, drainMs: 3_000 });
      const { profile } = (await inspector.call('Profiler.stop')) as { profile: unknown };
      const file = join(dir, `${workload}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const summary = `${result.delivered} deliveries, ${result.cpuUsPerDelivery.toFixed(1)} µs CPU each (the profiler adds some), p99 ${result.latency.p99} ms, max ${result.latency.max} ms`;
      return { file, summary };
    } finally {
      audience.close();
    }
  } finally {
    inspector.close();
    await target.stop();
  }
}

async function profileConnect(): Promise<{ file: string; summary: string }> {
  const target = await startTarget('ours', { inspect: true });
  const inspector = await Inspector.open(await target.inspectorUrl);
  const subs: Subscription[] = [];
  try {
    const driver = (await driverFor(target, QUICK.users)) as OursDriver;
    const [room] = await driver.createRooms('connect', 1);
    if (!room) throw new Error('no room created');
    await inBatches(Array.from({ length: QUICK.users }, (_, conn) => conn), 4, (conn) => driver.pool.join(driver.pool.user(conn), room));
    // The first client through the whole path loads what is loaded lazily.
    subs.push(await driver.subscribe(room, 0, () => {}));
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await inspector.call('Profiler.start');
    const t0 = now();
    subs.push(...(await inBatches(Array.from({ length: CONNECTS }, (_, i) => i + 1), 50, (conn) => driver.subscribe(room, conn, () => {}))));
    const ms = now() - t0;
    await sleep(200);
    const { profile } = (await inspector.call('Profiler.stop')) as { profile: unknown };
    const file = join(dir, 'connect.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    return { file, summary: `${CONNECTS} clients connected and subscribed in ${Math.round(ms)} ms` };
  } finally {
    for (const sub of subs) sub.close();
    inspector.close();
    await target.stop();
  }
}

const { file, summary } = workload === 'storm' ? await profileStorm() : workload === 'connect' ? await profileConnect() : await profileLoad();
console.log(`profile: ${file}; ${summary}`);
for (const f of topSelfFrames(file, 25)) console.log(`${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.frame}`);
const tasks = longTasks(file, LONG_TASK_MS);
console.log(`\n${tasks.length} tasks kept the event loop busy for ${LONG_TASK_MS} ms or more:`);
for (const task of tasks.slice(0, 20)) console.log(`  at ${task.atMs} ms, ${task.ms} ms:\n    ${task.stacks.join('\n    ')}`);
