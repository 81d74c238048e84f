import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { sleep } from '../util/time.ts';

export interface TargetProcess {
  pid: number;
  /** `ws://127.0.0.1:<port>/…` of the inspector, when started with --inspect. */
  inspectorUrl: Promise<string>;
  /** The last lines the process wrote to stderr (for error reports). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node <flags> <script>` (a TypeScript script through tsx: another checkout's server in
 * the web bench) and resolves once `GET url` answers 200.
 */
export async function launch(script: string, opts: { cwd: string; env: NodeJS.ProcessEnv; nodeFlags: string[]; healthUrl: string }): Promise<TargetProcess> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...opts.nodeFlags, ...loader, script], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let resolveInspector: (url: string) => void = () => {};
  const inspectorUrl = new Promise<string>((r) => (resolveInspector = r));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    const match = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
    if (match?.[1]) resolveInspector(match[1]);
  });
  const exited = once(child, 'exit');
  const proc: TargetProcess = {
    pid: child.pid ?? 0,
    inspectorUrl,
    stderrTail: () => stderr,
    stop: () => stop(child, exited),
  };
  await waitHealthy(opts.healthUrl, child, () => stderr);
  return proc;
}

async function waitHealthy(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`target exited with ${child.exitCode}: ${stderr()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`target not healthy within 60 s: ${stderr()}`);
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
