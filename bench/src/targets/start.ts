import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../util/free-port.ts';
import { buildTargets } from './compiled.ts';
import { BARE_WS_MAIN, OUR_MAIN, REPO_ROOT, SOCKETIO_MAIN } from './paths.ts';
import { launch, type TargetProcess } from './process.ts';
import type { LaunchOptions, TargetName } from './target.ts';

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
  const dataDir = name === 'ours' ? (opts.dataDir ?? freshDataDir()) : null;
  const env: NodeJS.ProcessEnv =
    name === 'ours'
      ? // A load test's few accounts each hold many of its connections (user-pool.ts).
        { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir ?? '', RATE_LIMIT: 'off', LOG_LEVEL: 'warn', WS_MAX_SOCKETS_PER_USER: '1000000' }
      : { PORT: String(port) };
  await buildTargets();
  // Source maps as `npm start` has them (about 1% of start-up, nothing per message).
  if (name === 'ours') nodeFlags.push('--enable-source-maps');
  const script = name === 'ours' ? OUR_MAIN : name === 'ws' ? BARE_WS_MAIN : SOCKETIO_MAIN;
  const proc = await launch(script, { cwd: REPO_ROOT, env, nodeFlags, healthUrl: `${httpBase}/healthz` });
  return { ...proc, name, port, dataDir, httpBase, wsBase: `ws://127.0.0.1:${port}` };
}
