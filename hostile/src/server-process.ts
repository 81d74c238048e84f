import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LogCapture } from './logs.ts';
import { limitsEnv, SERVER_DEFAULTS, SUITE_LIMITS, type Limits } from './settings.ts';
import type { Target } from './target.ts';

/**
 * The repository whose server is attacked. HOSTILE_SERVER_DIR points the suite at another
 * checkout (an older commit, to see each attack succeed against a server without its fix).
 */
const SERVER_DIR = process.env.HOSTILE_SERVER_DIR ?? fileURLToPath(new URL('../../', import.meta.url));
/** The server's own settings: none is inherited from whoever runs the suite (a DATABASE_URL, a limit). */
const SERVER_SETTINGS = new Set([
  ...['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'LOG_LEVEL', 'RATE_LIMIT', 'UPLOAD_ALLOWED_TYPES'],
  ...Object.keys(limitsEnv(SERVER_DEFAULTS)),
]);
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ServerProcess extends Target {
  dataDir: string;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its data directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx apps/api/src/main.ts` as its own process, on a port of its choosing
 * (read from its 'chat server listening' log line), with its own data directory, debug logging,
 * rate limits on, the suite's short timeouts and `overrides`.
 */
export async function startServer(overrides: Partial<Limits> = {}): Promise<ServerProcess> {
  const limits = { ...SERVER_DEFAULTS, ...SUITE_LIMITS, ...overrides };
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-hostile-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVER_SETTINGS.has(name))),
      PORT: '0',
      HOST,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      RATE_LIMIT: 'on',
      ...limitsEnv({ ...SUITE_LIMITS, ...overrides }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whatever happens to the test run, the server does not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = once(child, 'exit');

  const logs = new LogCapture();
  const listening = new Promise<number>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      logs.add('stdout', text);
      if (text.includes('chat server listening')) resolve((JSON.parse(text) as { port: number }).port);
    });
  });
  createInterface({ input: child.stderr }).on('line', (text) => logs.add('stderr', text));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    })());

  let timer: NodeJS.Timeout | undefined;
  const port = await Promise.race([
    listening,
    exited.then(() => null),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), START_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (port === null) {
    await stop();
    const output = logs.since(0).map((line) => line.text).join('\n');
    throw new Error(`the server did not start within ${START_TIMEOUT_MS} ms (exit code ${child.exitCode}):\n${output}`);
  }
  const httpUrl = `http://${HOST}:${port}`;
  return { pid: child.pid ?? 0, dataDir, host: HOST, port, httpUrl, wsUrl: `ws://${HOST}:${port}/trpc`, limits, logs, stop };
}
