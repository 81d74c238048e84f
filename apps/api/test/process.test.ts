import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { eventually } from './harness.ts';

const main = join(import.meta.dirname, '../src/main.ts');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

test('a bad environment value exits non-zero with a one-line reason', async () => {
  const proc = run({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(join(tmpdir(), 'chat-proc-')) });
  expect(await proc.exited).not.toBe(0);
  expect(proc.err().trim()).toMatch(/^chat: invalid PORT: [^\n]+$/);
});

test('an unreachable DATABASE_URL or REDIS_URL exits non-zero with a one-line reason', async () => {
  const closed = String(await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-proc-'));
  const db = run({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/chat` });
  expect(await db.exited).toBe(1);
  expect(db.err().trim()).toMatch(/^chat: DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:\d+: [^\n]+$/);
  const redis = run({ PORT: '0', DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${closed}` });
  expect(await redis.exited).toBe(1);
  expect(redis.err().trim()).toMatch(/^chat: REDIS_URL: cannot connect to 127\.0\.0\.1:\d+: [^\n]+$/);
});

test('SIGTERM stops the server cleanly and logs no secrets', async () => {
  const port = String(await freePort());
  const proc = run({ PORT: port, DATA_DIR: mkdtempSync(join(tmpdir(), 'chat-proc-')) });
  await eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  }, 15_000);
  const res = await fetch(`http://127.0.0.1:${port}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sigterm_user', password: 'a secret password' }),
  });
  const { result } = (await res.json()) as { result: { data: { token: string } } };
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  expect(proc.out()).toContain('chat server stopped');
  expect(proc.out()).not.toContain('a secret password');
  expect(proc.out()).not.toContain(result.data.token);
});
