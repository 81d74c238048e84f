import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../targets/process.ts';
import { freePort } from '../util/free-port.ts';

export interface Checkout {
  /** "ours" is the checkout this bench runs from; the other is named by its folder. */
  label: string;
  root: string;
  /** The built web app its server serves: the bench's own build, or apps/web/dist with --no-build. */
  webDist: string;
  /** Commit, uncommitted changes, and which message list it has: read off the report later. */
  description: string;
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Servers still running, with their data, and the bench's builds: a bench ended by Ctrl-C or a crash must not leave them behind. */
const running = new Map<number, string>();
const builds: string[] = [];

export function describeCheckout(label: string, root: string): Checkout {
  const abs = resolve(root);
  if (!existsSync(join(abs, 'apps/api/src/main.ts'))) throw new Error(`${abs}: not a checkout of this chat (no apps/api/src/main.ts)`);
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', ['-C', abs, ...args], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  const dirty = git('status', '--porcelain', '--', 'apps/web') ? ' + uncommitted changes in apps/web' : '';
  const list = join(abs, 'apps/web/src/chat/MessageList.tsx');
  // The old list scrolls a flex-direction: column-reverse box; worth knowing when reading figures.
  const kind = existsSync(list) && readFileSync(list, 'utf8').includes('flex-col-reverse') ? 'column-reverse message list' : 'rewritten message list';
  return { label, root: abs, webDist: join(abs, 'apps/web/dist'), description: `${commit}${dirty}, ${kind}` };
}

/**
 * `vite build` of the checkout's web app into a folder of the bench's own, so the run
 * measures the app as it was when the run started whatever is rebuilt meanwhile; answers
 * the checkout with webDist pointing there. Unminified, a profile names the functions.
 */
export async function buildWebApp(checkout: Checkout, opts: { minify: boolean }): Promise<Checkout> {
  const webDist = mkdtempSync(join(tmpdir(), 'chat-bench-web-dist-'));
  builds.push(webDist);
  const args = ['run', 'build', '-w', '@chat/web', '--', '--outDir', webDist, '--emptyOutDir', ...(opts.minify ? [] : ['--minify', 'false'])];
  const child = spawn('npm', args, { cwd: checkout.root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`building the web app of ${checkout.root} failed (exit ${code}):\n${output}`);
  return { ...checkout, webDist };
}

const SERVE_APP = fileURLToPath(new URL('./serve-app.ts', import.meta.url));

/**
 * The checkout's server as its own process, as `npm start` runs it (serve-app.ts). Both sides
 * of an A/B run alike, so neither shares its event loop with the bench (which times the sends).
 */
export async function startApp(checkout: Checkout): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-web-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Authors post thousands of messages in seconds; the send budget is 30 per 10 s.
    RATE_LIMIT: 'off',
    BENCH_CHECKOUT: checkout.root,
    BENCH_WEB_DIST: checkout.webDist,
  };
  const proc = await launch(SERVE_APP, { cwd: checkout.root, env, nodeFlags: [], healthUrl: `${url}/healthz` });
  running.set(proc.pid, dataDir);
  return {
    url,
    async stop() {
      await proc.stop();
      running.delete(proc.pid);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

process.once('exit', () => {
  for (const dir of builds) rmSync(dir, { recursive: true, force: true });
  for (const [pid, dataDir] of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
