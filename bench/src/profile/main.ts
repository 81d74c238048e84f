import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { driverFor } from '../clients/drivers.ts';
import { QUICK } from '../config.ts';
import { startTarget } from '../targets/start.ts';
import { fixedLoad } from '../workloads/fixed-load.ts';
import { topSelfFrames } from './summarize.ts';

// npm run profile -w @chat/bench: our server under the big-room workload with --cpu-prof,
// the .cpuprofile in /tmp/chat-bench-prof, and its top self-time frames on stdout.
const dir = join('/tmp', 'chat-bench-prof', String(Date.now()));
mkdirSync(dir, { recursive: true });
const target = await startTarget('ours', { cpuProfDir: dir });
const driver = await driverFor(target, QUICK.users);
const phase = { durationMs: 10_000, warmupMs: 1_000, drainMs: 3_000 };
const result = await fixedLoad(target, driver, 'big', QUICK.fixed.bigRoom, phase);
await target.stop();
const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
console.log(`profile: ${join(dir, file)}; ${result.delivered} deliveries, ${result.cpuUsPerDelivery.toFixed(1)} µs CPU each, p99 ${result.latency.p99} ms`);
for (const f of topSelfFrames(join(dir, file), 25)) console.log(`${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.frame}`);
