import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from './harness.ts';

/**
 * What `npm start` runs: the esbuild output (build.mjs) under plain node, the same command as
 * the `start` script of apps/api/package.json. The other tests start the server from source.
 */
const API = join(import.meta.dirname, '..');
const MAIN = join(API, 'dist/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'chat-compiled-'));

beforeAll(() => {
  execFileSync(process.execPath, [join(API, 'build.mjs')], { stdio: 'inherit' });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Processes started by `pid` (every thread's children). tsx keeps an esbuild service running. */
const childrenOf = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean),
  );

test('the built server starts with plain node, serves /healthz and tRPC, and loads no tsx or esbuild', async () => {
  const script = (JSON.parse(readFileSync(join(API, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  expect(script).toBe('node --enable-source-maps dist/main.js');
  const port = String(await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], { cwd: API, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
    }, 15_000);
    expect(out).toContain('chat server listening');

    const registered = await fetch(`http://127.0.0.1:${port}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'compiled_user', password: 'a long enough password' }),
    });
    expect(registered.status).toBe(200);
    const { result } = (await registered.json()) as { result: { data: { token: string } } };
    const rooms = await fetch(`http://127.0.0.1:${port}/trpc/room.list`, { headers: { authorization: `Bearer ${result.data.token}` } });
    expect(rooms.status).toBe(200);
    expect(JSON.stringify(await rooms.json())).toContain('General');

    // No loader on the command line (tsx is `--import tsx`) nor in NODE_OPTIONS, and no esbuild
    // service process beside it (tsx runs one to compile each file it loads).
    const pid = child.pid!;
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, '--enable-source-maps', MAIN]);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter((v) => v.startsWith('NODE_OPTIONS='))).toEqual([]);
    expect(childrenOf(pid)).toEqual([]);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(out).toContain('chat server stopped');
});
