import { startCanary, type Canary, type CanaryReport } from './canary.ts';
import { MemoryWatch, type MemoryReport } from './memory.ts';
import { startProber, type ProbeReport } from './prober.ts';
import { startServer, type ServerProcess } from './server-process.ts';
import type { Limits } from './settings.ts';

export interface SessionReport {
  canary: CanaryReport;
  probes: ProbeReport;
  memory: MemoryReport;
}

export interface Session {
  server: ServerProcess;
  /** Stops the canary, the prober and the memory watch, and reports what they saw. */
  finish(): Promise<SessionReport>;
  /** Finishes if need be and stops the server; safe after a failure, and twice. */
  close(): Promise<void>;
}

/**
 * A server under watch: a canary chatting on it, a prober asking /healthz, its memory sampled
 * from a baseline taken once start-up and the canary's first messages are behind it.
 */
export async function startSession(overrides: Partial<Limits> = {}): Promise<Session> {
  const server = await startServer(overrides);
  const prober = startProber(server);
  let started: Canary | undefined;
  try {
    started = await startCanary(server);
    await started.warmedUp();
  } catch (err) {
    await Promise.allSettled([started?.stop(), prober.stop()]);
    await server.stop();
    throw err;
  }
  const canary = started;
  const memory = new MemoryWatch(server.pid);
  let finishing: Promise<SessionReport> | undefined;
  const finish = () =>
    (finishing ??= (async () => {
      const [canaryReport, probes] = await Promise.all([canary.stop(), prober.stop()]);
      return { canary: canaryReport, probes, memory: memory.stop() };
    })());
  return {
    server,
    finish,
    async close() {
      await finish().catch(() => undefined);
      await server.stop();
    },
  };
}
