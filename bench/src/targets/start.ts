import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../util/free-port.ts';
import { buildTargets } from './compiled.ts';
import { BARE_WS_MAIN, OUR_MAIN, REPO_ROOT, SOCKETIO_MAIN, WS_STORE_MAIN } from './paths.ts';
import { launch, type TargetProcess } from './process.ts';
import { freshSharedServices } from './shared-services.ts';
import { isOurs, type LaunchOptions, type TargetName } from './target.ts';

export interface RunningTarget extends TargetProcess {
  name: TargetName;
  port: number;
  dataDir: string | null;
  /** `ws://127.0.0.1:<port>` */
  wsBase: string;
  httpBase: string;
}

export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'chat-bench-'));

/** Starts one target as its own process, the way users run it. */
export async function startTarget(name: TargetName, opts: LaunchOptions = {}): Promise<RunningTarget> {
  const port = opts.port ?? (await freePort());
  const nodeFlags: string[] = [];
  if (opts.inspect) nodeFlags.push('--inspect=127.0.0.1:0');
  if (opts.cpuProfDir) nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`);
  const httpBase = `http://127.0.0.1:${port}`;
  const healthUrl = `${httpBase}/healthz`;
  const running = (proc: TargetProcess, dataDir: string | null): RunningTarget => ({ ...proc, name, port, dataDir, httpBase, wsBase: `ws://127.0.0.1:${port}` });
  await buildTargets();
  if (!isOurs(name)) {
    const script = name === 'ws' ? BARE_WS_MAIN : name === 'ws-store' ? WS_STORE_MAIN : SOCKETIO_MAIN;
    const dataDir = name === 'ws-store' ? (opts.dataDir ?? freshDataDir()) : null;
    const env = { PORT: String(port), ...(dataDir ? { DATA_DIR: dataDir } : {}) };
    return running(await launch(script, { cwd: REPO_ROOT, env, nodeFlags, healthUrl }), dataDir);
  }
  // Source maps as `npm start` has them (about 1% of start-up, nothing per message).
  nodeFlags.push('--enable-source-maps');
  // A load test's few accounts each hold many of its connections (user-pool.ts).
  const env: NodeJS.ProcessEnv = { PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT: 'off', LOG_LEVEL: 'warn', WS_MAX_SOCKETS_PER_USER: '1000000' };
  const dataDir = opts.dataDir ?? freshDataDir();
  // On PostgreSQL the data directory holds uploads only; the database and the Redis keys are this process's own.
  const services = name === 'ours-pg' ? await freshSharedServices() : null;
  try {
    const proc = await launch(OUR_MAIN, { cwd: REPO_ROOT, env: { ...env, DATA_DIR: dataDir, ...services?.env }, nodeFlags, healthUrl });
    return running(services ? { ...proc, stop: () => proc.stop().finally(() => services.drop()) } : proc, dataDir);
  } catch (err) {
    await services?.drop();
    throw err;
  }
}
