import { CANARY_ADDRESS, request } from './net.ts';
import type { Target } from './target.ts';

export interface ProbeReport {
  probes: number;
  /** Probes not answered 200 within the timeout: when (ms into the run) and what came instead. */
  failures: string[];
  maxLatencyMs: number;
}

/**
 * `GET /healthz` every `everyMs`, each on a new connection, each given `timeoutMs` to answer 200;
 * `onProbe` gets each latency, for a caller that wants them over time (the soak's series).
 */
export function startProber(target: Target, everyMs = 250, timeoutMs = 3000, onProbe?: (latencyMs: number) => void): { stop(): Promise<ProbeReport> } {
  const startedAt = Date.now();
  const probes: Promise<void>[] = [];
  const failures: string[] = [];
  let maxLatencyMs = 0;
  const probe = async () => {
    const at = Date.now();
    const reply = await request(target, { address: CANARY_ADDRESS, path: '/healthz', timeoutMs });
    const latencyMs = Date.now() - at;
    maxLatencyMs = Math.max(maxLatencyMs, latencyMs);
    onProbe?.(latencyMs);
    if (reply.status !== 200) failures.push(`at ${at - startedAt} ms: ${reply.status ?? reply.error}`);
  };
  const timer = setInterval(() => probes.push(probe()), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(probes);
      return { probes: probes.length, failures, maxLatencyMs };
    },
  };
}
