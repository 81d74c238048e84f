import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rssBytes } from '../memory.ts';
import { CANARY_ADDRESS, request } from '../net.ts';
import { startProber, type ProbeReport } from '../prober.ts';
import type { ServerProcess } from '../server-process.ts';
import type { Target } from '../target.ts';
import { sleep } from '../time.ts';

export interface Sample {
  /** ms since the sampler started. */
  atMs: number;
  rssBytes: number | null;
  /** Server CPU since the sample before, in % of one core (up to 200 on two). */
  serverCpuPercent: number | null;
  /** The same for this process, which drives the crowd and the attacks on the same cores. */
  soakCpuPercent: number;
  /** `nodejs_eventloop_lag_p99_seconds` from /metrics, in ms: the p99 since the scrape before. */
  loopP99Ms: number | null;
  /**
   * The longest this process's own event loop was held up since the sample before, in ms: a
   * /healthz latency includes it, and a peak in both at once points at the machine, not the server.
   */
  soakLoopMaxMs: number;
  /** The machine's 1-minute load average: other people's work shows here. */
  load1: number;
  /** Bytes under the server's DATA_DIR (database, WAL, files): what the soak leaves behind grows here. */
  dataBytes: number;
  /** What the soak was doing then (the attack under way), to tell what a peak goes with. */
  activity: string | null;
}

export interface Probe {
  atMs: number;
  latencyMs: number;
}

export interface Sampler {
  /** ms since the sampler started: the clock of `atMs`. */
  now(): number;
  samples: Sample[];
  probes: Probe[];
  stop(): Promise<ProbeReport>;
}

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const TICK_US = 10_000;
const P99 = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? (\S+)$/m;

/** User + system CPU of a process (all its threads) in µs, from /proc/<pid>/stat; null once it is gone. */
function cpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces: the fields after it start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return null;
  }
}

function bytesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((sum, entry) => sum + (statSync(`${entry.parentPath}/${entry.name}`, { throwIfNoEntry: false })?.size ?? 0), 0);
  } catch {
    return 0;
  }
}

/** The server's event-loop delay p99 in ms as prom-client reports it (which resets it on each scrape). */
export async function loopP99Ms(target: Target): Promise<number | null> {
  const reply = await request(target, { address: CANARY_ADDRESS, path: '/metrics', timeoutMs: 3000 });
  const match = reply.status === 200 ? P99.exec(reply.body.toString('utf8')) : null;
  return match ? Number(match[1]) * 1000 : null;
}

/**
 * Watches the server every `everyMs` (RSS, CPU, event-loop p99, DATA_DIR) and this process
 * (CPU, event-loop delay), and asks /healthz every 250 ms through the suite's prober, keeping
 * each probe's latency for the series over time.
 */
export function startSampler(target: ServerProcess, activity: () => string | null, everyMs = 1000): Sampler {
  const t0 = Date.now();
  const samples: Sample[] = [];
  const probes: Probe[] = [];
  const prober = startProber(target, 250, 3000, (latencyMs) => probes.push({ atMs: Date.now() - t0 - latencyMs, latencyMs }));
  let stopping = false;
  const ownDelay = monitorEventLoopDelay({ resolution: 10 });
  ownDelay.enable();
  const sampling = (async () => {
    let before = { at: process.hrtime.bigint(), server: cpuMicros(target.pid), soak: process.cpuUsage() };
    while (!stopping) {
      await sleep(everyMs - ((Date.now() - t0) % everyMs));
      const loop = await loopP99Ms(target);
      const now = { at: process.hrtime.bigint(), server: cpuMicros(target.pid), soak: process.cpuUsage() };
      const wallUs = Number(now.at - before.at) / 1000;
      const soakUs = now.soak.user + now.soak.system - before.soak.user - before.soak.system;
      samples.push({
        atMs: Date.now() - t0,
        rssBytes: rssBytes(target.pid),
        serverCpuPercent: now.server !== null && before.server !== null ? (100 * (now.server - before.server)) / wallUs : null,
        soakCpuPercent: (100 * soakUs) / wallUs,
        loopP99Ms: loop,
        soakLoopMaxMs: ownDelay.max / 1e6,
        load1: loadavg()[0] ?? 0,
        dataBytes: bytesUnder(target.dataDir),
        activity: activity(),
      });
      before = now;
      ownDelay.reset();
    }
    ownDelay.disable();
  })();
  return {
    now: () => Date.now() - t0,
    samples,
    probes,
    async stop() {
      stopping = true;
      const [report] = await Promise.all([prober.stop(), sampling]);
      return report;
    },
  };
}
