import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually } from './harness.ts';

/**
 * What `npm start` runs: the esbuild output (build.mjs) under plain node, the same command as
 * the `start` script of apps/api/package.json. The other tests start the server from source.
 */
const API = join(import.meta.dirname, '..');
const MAIN = join(API, 'dist/main.js');
const scratch = mkdtempSync(join(tmpdir(), 'chat-compiled-'));

beforeAll(() => {
  execFileSync(process.execPath, [join(API, 'build.mjs')], { stdio: 'inherit' });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

/** `node [nodeArgs] --enable-source-maps dist/main.js` on a fresh SQLite DATA_DIR, once /healthz answers. */
async function startCompiled(name: string, nodeArgs: string[] = []) {
  const port = String(await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, DATA_DIR: join(scratch, name), LOG_LEVEL: 'info' };
  delete env.NODE_OPTIONS;
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', MAIN], { cwd: API, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  child.stdout.on('data', (d) => (output.text += d));
  child.stderr.on('data', (d) => (output.text += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(async () => {
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
    }, 15_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`the built server did not start: ${output.text}`, { cause: err });
  }
  return {
    url,
    pid: child.pid!,
    output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function register(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'a long enough password' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}

test('the built server starts with plain node, serves /healthz and tRPC, and loads no tsx or esbuild', async () => {
  const script = (JSON.parse(readFileSync(join(API, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  expect(script).toBe('node --enable-source-maps dist/main.js');
  const server = await startCompiled('plain');
  let exitCode;
  try {
    expect(server.output.text).toContain('chat server listening');

    const token = await register(server.url, 'compiled_user');
    const rooms = await fetch(`${server.url}/trpc/room.list`, { headers: { authorization: `Bearer ${token}` } });
    expect(rooms.status).toBe(200);
    expect(JSON.stringify(await rooms.json())).toContain('General');

    // No loader on the command line (tsx is `--import tsx`) nor in NODE_OPTIONS, and no esbuild
    // service process beside it (tsx runs one to compile each file it loads).
    expect(readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, '--enable-source-maps', MAIN]);
    expect(readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0').filter((v) => v.startsWith('NODE_OPTIONS='))).toEqual([]);
    expect(childrenOf(server.pid)).toEqual([]);
  } finally {
    exitCode = await server.stop();
  }
  expect(exitCode).toBe(0);
  expect(server.output.text).toContain('chat server stopped');
});

/**
 * Packages a server on SQLite needs only for some requests, or never, and that weigh on its
 * memory at rest (issue 19). A module hook records each module the server resolves; a package
 * imported by anything in dist/ without import() is resolved at start.
 */
test('the built server on SQLite loads sharp and file-type at its first upload, and never pg, ioredis or tar', async () => {
  const hook = join(scratch, 'record-resolved.mjs');
  const registerHook = join(scratch, 'register-hook.mjs');
  const log = join(scratch, 'resolved.log');
  writeFileSync(log, '');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`,
  );
  writeFileSync(registerHook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const loaded = (pkg: string) => readFileSync(log, 'utf8').includes(`/node_modules/${pkg}/`);

  const server = await startCompiled('lazy', ['--import', registerHook]);
  try {
    // The hook works: what every start needs is there.
    expect(loaded('better-sqlite3')).toBe(true);
    for (const pkg of ['sharp', 'file-type', 'pg', 'ioredis', 'tar']) expect(loaded(pkg), pkg).toBe(false);

    const token = await register(server.url, 'lazy_user');
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6' } }).png().toBuffer();
    const body = new FormData();
    body.append('file', new Blob([png]), 'dot.png');
    const res = await fetch(`${server.url}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ mime: 'image/png', width: 64, height: 48, thumbnailUrl: expect.any(String) as unknown });
    expect(loaded('sharp')).toBe(true);
    expect(loaded('file-type')).toBe(true);
    for (const pkg of ['pg', 'ioredis']) expect(loaded(pkg), pkg).toBe(false);
  } finally {
    await server.stop();
  }
});
