/**
 * `npm run start:cluster`: three server processes on consecutive ports (PORT, default 3001)
 * sharing one PostgreSQL (DATABASE_URL, default the local `chat` database, created if missing)
 * and one Redis (REDIS_URL, default the local one), for trying several servers by hand. Put
 * any load balancer that passes WebSockets in front, or point clients at different ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const COUNT = 3;
// Built (dist/cluster.js) it starts dist/main.js with plain node; from source, main.ts with tsx.
const self = fileURLToPath(import.meta.url);
const compiled = self.endsWith('.js');
const main = join(dirname(self), compiled ? 'main.js' : 'main.ts');
const nodeArgs = compiled ? ['--enable-source-maps'] : ['--import', 'tsx'];
const basePort = Number(process.env.PORT ?? 3001);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chat';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Creates the database of `url` when the server says it does not exist (SQLSTATE 3D000). */
async function ensureDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
  } finally {
    await probe.end().catch(() => {});
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    console.log(`cluster: created database ${name}`);
  } finally {
    await admin.end();
  }
}

try {
  await ensureDatabase(databaseUrl);
} catch (err) {
  console.error(`cluster: cannot use PostgreSQL at ${new URL(databaseUrl).host}: ${(err as Error).message}`);
  process.exit(1);
}

const children: ChildProcess[] = [];
let stopping = false;
for (let i = 0; i < COUNT; i++) {
  const port = basePort + i;
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tag = `[${port}] `;
  const relay = (out: NodeJS.WriteStream) => (chunk: Buffer) =>
    out.write(chunk.toString().replace(/^(?=.)/gm, tag));
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  child.on('exit', (code, signal) => {
    console.log(`${tag}exited (${signal ?? code})`);
    // One failing at start (a bad variable, a taken port) stops them all.
    if (!stopping) stop(code ?? 1);
  });
  children.push(child);
}
console.log(`cluster: ${COUNT} servers on http://127.0.0.1:${basePort}-${basePort + COUNT - 1} (Ctrl-C stops them)`);

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  void Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.once('SIGINT', () => stop());
process.once('SIGTERM', () => stop());
