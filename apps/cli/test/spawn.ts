import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  stderr: () => string;
}

/** Starts a Node program the way a user would, collecting its stdout line by line; `input`, if given, is its whole stdin. */
export function run(nodeArgs: string[], env: Record<string, string>, input?: string): Running {
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  const lines: string[] = [];
  let partial = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => err };
}

export async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
