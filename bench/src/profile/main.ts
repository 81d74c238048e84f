import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { driverFor } from '../clients/drivers.ts';
import { QUICK } from '../config.ts';
import { startTarget } from '../targets/start.ts';
import { fixedLoad } from '../workloads/fixed-load.ts';
import { reconnectStorm } from '../workloads/storm.ts';
import { topSelfFrames } from './summarize.ts';

// npm run profile -w @chat/bench [-- many|storm]: our server under the big-room (or many-rooms,
// or reconnect-storm) workload with --cpu-prof, the .cpuprofile in /tmp/chat-bench-prof, and
// its top self-time frames on stdout.
const workload = process.argv[2] === 'many' || process.argv[2] === 'storm' ? process.argv[2] : 'big';
const dir = join('/tmp', 'chat-bench-prof', String(Date.now()));
mkdirSync(dir, { recursive: true });

async function profiled(): Promise<string> {
  if (workload === 'storm') {
    const storm = await reconnectStorm(QUICK.storm as NonNullable<typeof QUICK.storm>, QUICK.users, dir);
    return `${storm.completed}/${storm.clients} resumed, backlog complete after ${storm.catchUpMs} ms, lost ${storm.lost}, duplicated ${storm.duplicates}`;
  }
  const target = await startTarget('ours', { cpuProfDir: dir });
  const driver = await driverFor(target, QUICK.users);
  const phase = { durationMs: 10_000, warmupMs: 1_000, drainMs: 3_000 };
  const result = await fixedLoad(target, driver, workload, workload === 'many' ? QUICK.fixed.manyRooms : QUICK.fixed.bigRoom, phase);
  await target.stop();
  return `${result.delivered} deliveries, ${result.cpuUsPerDelivery.toFixed(1)} µs CPU each, p99 ${result.latency.p99} ms`;
}

const summary = await profiled();
// The main thread's profile (a worker thread of the loader may write a second one).
const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
console.log(`profile: ${join(dir, file)}; ${summary}`);
for (const f of topSelfFrames(join(dir, file), 25)) console.log(`${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.frame}`);
