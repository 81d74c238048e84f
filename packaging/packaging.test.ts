// The SDK and the CLI as someone outside this repository gets them: packed into tarballs,
// installed into a temporary project (os.tmpdir()) that has nothing else but TypeScript, and
// used there with plain node, tsc, Vite and `npm install -g`, against a real server.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '@chat/api/server';

const repo = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'outside');
const work = mkdtempSync(join(tmpdir(), 'chat-packaging-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
const global = join(work, 'global');
const typescriptVersion = (JSON.parse(readFileSync(join(repo, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;

// Nothing of the repository's own npm run (its workspace, prefix) may reach the npm calls below.
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_config_(prefix|global|local_prefix|workspaces?|include_workspace_root)$/i.test(key)),
);
env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ''}`;

const say = (line: string) => console.log(`[packaging] ${line}`);

interface Ran {
  code: number;
  out: string;
  err: string;
}
/** Runs a command to its end (never throws) and says what it ran and how long it took. */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? work, env: { ...env, ...options.env }, maxBuffer: 16 << 20 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      say(`$ ${[command.replace(work, '<tmp>'), ...args.map((a) => a.replace(work, '<tmp>'))].join(' ')}  → exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ code, out, err });
    });
  });
}
const node = (args: string[], options?: Parameters<typeof run>[2]) => run(process.execPath, args, options);
const npm = (args: string[], options?: Parameters<typeof run>[2]) => run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], options);

let server: RunningServer;
const packed: Record<'client' | 'cli', string> = { client: '', cli: '' };

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: join(work, 'data'), logLevel: 'silent', rateLimit: false });
  say(`work directory ${work}, server ${server.url}`);
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.sequential('outside the repository', () => {
  test('npm pack: small tarballs with built JavaScript, types and README, no sources', async () => {
    mkdirSync(tarballs);
    for (const [name, workspace] of [
      ['client', 'packages/client'],
      ['cli', 'apps/cli'],
    ] as const) {
      const result = await node([join(repo, 'tools/pack-workspace.mjs'), join(repo, workspace), tarballs]);
      expect(result.code, result.err).toBe(0);
      say(result.out.trim().split('\n').at(-1) ?? '');
      const file = readdirSync(tarballs).find((f) => f.startsWith(`chat-${name}-`));
      if (!file) throw new Error(`no tarball for ${name}`);
      packed[name] = join(tarballs, file);
      const listing = await run('tar', ['tzf', packed[name]]);
      const files = listing.out.trim().split('\n').sort();
      say(`${file}: ${files.join(', ')}`);
      expect(files).toContain('package/README.md');
      expect(files.filter((f) => f.includes('/src/') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    }
  });

  test('the SDK: installed with TypeScript only, it type-checks a program (misuses stay errors), runs it on plain node', async () => {
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'outside-app', private: true, type: 'module' }, null, 2)}\n`);
    for (const file of ['usage.ts', 'run.mjs', 'web']) cpSync(join(fixtures, file), join(app, file), { recursive: true });
    copyFileSync(join(fixtures, 'tsconfig.outside.json'), join(app, 'tsconfig.json'));

    const install = await npm(['install', packed.client, `typescript@${typescriptVersion}`], { cwd: app });
    expect(install.code, install.err).toBe(0);
    say(`npm: ${install.out.trim()}`);
    const installed = readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.')).flatMap((d) =>
      d.startsWith('@') ? readdirSync(join(app, 'node_modules', d)).map((s) => `${d}/${s}`) : [d],
    );
    say(`node_modules: ${installed.join(', ')}`);
    // Our private workspaces were inlined into the .d.ts; nothing of the server came along.
    expect(installed).toEqual(expect.arrayContaining(['@chat/client', '@trpc/client', '@trpc/server', 'ws', 'typescript']));
    expect(installed.filter((p) => p.startsWith('@chat/') && p !== '@chat/client')).toEqual([]);
    expect(installed).not.toContain('zod');

    const tsc = join(app, 'node_modules/typescript/bin/tsc');
    const checked = await node([tsc, '-p', '.'], { cwd: app });
    expect(checked.out + checked.err, 'tsc of usage.ts').toBe('');
    expect(checked.code).toBe(0);

    // Strictest: the SDK's own declarations have no error even with skipLibCheck off (tRPC's
    // need @types/node for that, which this project does not have: those lines are theirs).
    const strict = await node([tsc, '-p', '.', '--noEmit', '--skipLibCheck', 'false'], { cwd: app });
    const ours = strict.out.split('\n').filter((line) => /error TS/.test(line) && !line.startsWith('node_modules/@trpc/'));
    expect(ours).toEqual([]);

    // The check has teeth: were the router's types lost (AppRouter = any, as an import the
    // consumer cannot resolve would make it), misuses would compile and each @ts-expect-error
    // left unused fails the build (TS2578).
    const dts = join(app, 'node_modules/@chat/client/dist/index.d.ts');
    const types = readFileSync(dts, 'utf8');
    expect(types).toContain('type AppRouter = typeof appRouter;');
    writeFileSync(dts, types.replace('type AppRouter = typeof appRouter;', 'type AppRouter = any;'));
    const untyped = await node([tsc, '-p', '.', '--noEmit'], { cwd: app });
    writeFileSync(dts, types);
    const errors = untyped.out.split('\n').filter((line) => line.startsWith('usage.ts('));
    const unused = errors.filter((line) => line.includes('TS2578'));
    say(`with AppRouter = any: tsc exit ${untyped.code}, ${errors.length} errors in usage.ts, ${unused.length} of them unused @ts-expect-error`);
    expect(untyped.code).not.toBe(0);
    expect(unused.length).toBeGreaterThan(0);

    const ran = await node(['run.mjs', server.url], { cwd: app });
    expect(ran.code, ran.err).toBe(0);
    say(`node run.mjs: ${ran.out.trim()}`);
    expect(JSON.parse(ran.out)).toMatchObject({
      user: expect.stringMatching(/^outside/),
      sent: 'hello from outside the repository',
      followed: ['created: hello from outside the repository'],
      cursor: expect.any(String),
      resumed: ['sent while nobody followed'],
      error: { code: 'BAD_REQUEST' },
      device: 'outside/1.0',
    });
  });

  test('the SDK in a web page: Vite bundles its browser entry, without ws or Node built-ins', async () => {
    const vite = join(repo, 'node_modules/vite/bin/vite.js');
    const built = await node([vite, 'build', 'web', '--outDir', '../web-dist', '--emptyOutDir', '--logLevel', 'warn'], { cwd: app });
    expect(built.code, built.err).toBe(0);
    expect(built.out + built.err).not.toMatch(/externalized for browser compatibility/);
    const assets = join(app, 'web-dist/assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const code = js.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    say(`vite build: ${js.map((f) => `${f} ${(Buffer.byteLength(readFileSync(join(assets, f))) / 1024).toFixed(1)} kB`).join(', ')}`);
    expect(code).toContain('ChatError');
    // ws's own protocol code would mean the Node entry was taken.
    expect(code).not.toMatch(/Sec-WebSocket-Accept|from\s*["']ws["']|require\(["']ws["']\)/);
  });

  test('the CLI: `npm install -g` of its tarball gives a `chat` that runs on plain Node', async () => {
    const install = await npm(['install', '-g', '--prefix', global, packed.cli]);
    expect(install.code, install.err).toBe(0);
    say(`npm -g: ${install.out.trim()}`);
    const chat = join(global, 'bin/chat');
    const chatEnv = { CHAT_URL: server.url, CHAT_CONFIG: join(work, 'chat-config.json'), CHAT_TOKEN: '', CHAT_PASSWORD: 'cli-password' };
    const deps = readdirSync(join(global, 'lib/node_modules/@chat/cli/node_modules'));
    say(`the CLI's dependencies: ${deps.join(' ')}`);
    // Neither the repository's runner nor a TypeScript (which tRPC's peer dependency would bring).
    expect(deps).not.toContain('tsx');
    expect(deps).not.toContain('typescript');

    const help = await run(chat, ['--help'], { env: chatEnv });
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('Talk to a chat server from the terminal.');
    say(`chat --help: ${help.out.split('\n').length} lines, commands: ${[...help.out.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]).join(' ')}`);
    expect((await run(chat, ['--version'])).out.trim()).toBe('0.1.0');

    const register = await run(chat, ['register', `cli${Date.now() % 1e9}`, '-n', 'Packed CLI'], { env: chatEnv });
    expect(register.code, register.err).toBe(0);
    expect(register.out).toContain('Signed in as Packed CLI');
    const sent = await run(chat, ['--json', 'send', 'general', 'hello from the packed CLI'], { env: chatEnv });
    expect(sent.code, sent.err).toBe(0);
    say(`chat --json send general …: ${sent.out.trim().slice(0, 160)}…`);
    expect(JSON.parse(sent.out)).toMatchObject({ body: 'hello from the packed CLI', author: { displayName: 'Packed CLI' } });
    const refused = await run(chat, ['send', 'random', 'not a member'], { env: chatEnv });
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('join the room first');
  });
});
