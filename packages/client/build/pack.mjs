// Packs @chat/client as outside developers install it: `npm run package [-- <dir>]` builds
// dist/ and writes chat-client-<version>.tgz to <dir> (default: the directory npm was run in).
//
// The workspace's own manifest keeps `exports` on src/, so that inside the monorepo the web
// app, the CLI, the tests and tsx all read the TypeScript source with no build step and no
// custom resolve condition to configure in each tool. The tarball gets a manifest derived from
// it: `publishConfig.exports` replaces `exports` (what pnpm and yarn do, and npm does not),
// our private workspaces leave `dependencies` (their types are inlined in dist/index.d.ts), and
// what only the repository needs (scripts, devDependencies, `private`) is dropped.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Relative to where npm was run (INIT_CWD), not to this package, which `npm run -w` runs in.
const destination = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? '.');

execFileSync(process.execPath, [join(pkg, 'build/build.mjs')], { stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const { publishConfig, scripts: _scripts, devDependencies: _devDependencies, private: _private, ...published } = manifest;
published.exports = publishConfig.exports;
published.dependencies = Object.fromEntries(Object.entries(manifest.dependencies).filter(([name]) => !name.startsWith('@chat/')));

const stage = mkdtempSync(join(tmpdir(), 'chat-client-pack-'));
try {
  for (const file of manifest.files) cpSync(join(pkg, file), join(stage, file), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: stage, encoding: 'utf8' }));
  const tarball = join(destination, result.filename);
  console.log(`@chat/client: ${tarball} (${(statSync(tarball).size / 1024).toFixed(1)} kB packed, ${result.entryCount} files, ${(result.unpackedSize / 1024).toFixed(1)} kB unpacked)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
