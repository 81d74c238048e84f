// Packs the `chat` command as outside users install it: `npm run package [-- <dir>]` builds
// dist/chat.mjs and writes chat-cli-<version>.tgz to <dir> (default: the directory npm was run in);
// then `npm install -g chat-cli-0.1.0.tgz` gives a `chat` that runs on plain Node 20.
//
// The workspace's own manifest keeps `bin` on bin/chat.mjs, which runs src/ through tsx, so the
// repository's tests and scripts need no build. The tarball gets a manifest derived from it:
// `publishConfig.bin` replaces `bin`, and `dependencies` lose our workspaces (the SDK is bundled
// into dist/chat.mjs) and tsx (only bin/chat.mjs uses it); scripts, devDependencies and
// `private` are for the repository only.
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
published.bin = publishConfig.bin;
published.dependencies = Object.fromEntries(
  Object.entries(manifest.dependencies).filter(([name]) => !name.startsWith('@chat/') && name !== 'tsx'),
);

const stage = mkdtempSync(join(tmpdir(), 'chat-cli-pack-'));
try {
  for (const file of manifest.files) cpSync(join(pkg, file), join(stage, file), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: stage, encoding: 'utf8' }));
  const tarball = join(destination, result.filename);
  console.log(`@chat/cli: ${tarball} (${(statSync(tarball).size / 1024).toFixed(1)} kB packed, ${result.entryCount} files, ${(result.unpackedSize / 1024).toFixed(1)} kB unpacked)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
