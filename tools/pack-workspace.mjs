// Packs a workspace as people outside this repository install it:
// `node tools/pack-workspace.mjs <workspace> [<dir>]` (each package's `npm run package [-- <dir>]`)
// runs the workspace's build/build.mjs and writes <name>-<version>.tgz to <dir> (default: the
// directory npm was run in).
//
// A workspace's own manifest points at its TypeScript sources (`exports` on src/, `bin` through
// tsx), so inside the monorepo nothing needs building and no tool needs a custom condition. The
// tarball gets a manifest derived from it: `publishConfig`'s `exports` and `bin` replace the
// manifest's (what pnpm and yarn do, and npm does not); our private workspaces leave
// `dependencies` (the build inlines them); scripts, devDependencies and `private` stay behind.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [workspace, target] = process.argv.slice(2);
if (!workspace) throw new Error('usage: node tools/pack-workspace.mjs <workspace> [<dir>]');
const pkg = resolve(workspace);
// Relative to where npm was run (INIT_CWD), not to the package, which `npm run -w` runs in.
const destination = resolve(process.env.INIT_CWD ?? process.cwd(), target ?? '.');

execFileSync(process.execPath, [join(pkg, 'build/build.mjs')], { stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const { publishConfig, scripts: _scripts, devDependencies: _devDependencies, private: _private, ...published } = manifest;
for (const field of ['exports', 'bin']) if (publishConfig[field]) published[field] = publishConfig[field];
published.dependencies = Object.fromEntries(Object.entries(manifest.dependencies).filter(([name]) => !name.startsWith('@chat/')));

const stage = mkdtempSync(join(tmpdir(), 'chat-pack-'));
try {
  for (const file of manifest.files) cpSync(join(pkg, file), join(stage, file), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: stage, encoding: 'utf8' }));
  const tarball = join(destination, result.filename);
  const kB = (bytes) => (bytes / 1024).toFixed(1);
  console.log(`${manifest.name}: ${tarball} (${kB(statSync(tarball).size)} kB packed, ${result.entryCount} files, ${kB(result.unpackedSize)} kB unpacked)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
