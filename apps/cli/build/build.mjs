// Builds the published form of the `chat` command: dist/chat.mjs, one ES module for plain
// Node 20 (no tsx). What package.json lists in `dependencies` stays an import; the rest is
// bundled: our own workspaces (the SDK, @chat/client) and tRPC's client, which the CLI does not
// declare because @trpc/client has a non-optional peer dependency on TypeScript (npm would
// install TypeScript with the command).
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { dependencies } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const npmPackages = Object.keys(dependencies).filter((name) => !name.startsWith('@chat/'));
const started = Date.now();
rmSync(join(pkg, 'dist'), { recursive: true, force: true });

const result = await build({
  absWorkingDir: pkg,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/chat.mjs',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A package and its subpaths (`@trpc/server/…`) stay imports.
  external: npmPackages.flatMap((name) => [name, `${name}/*`]),
  banner: { js: '#!/usr/bin/env node' },
  metafile: true,
  logLevel: 'warning',
});

// Every import left in the bundle must be a declared dependency (or a Node built-in), or
// `npm install -g` would give a command that fails on its first line.
const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
const undeclared = imports.filter((path) => !path.startsWith('node:') && !builtinModules.includes(path) && !npmPackages.some((name) => path === name || path.startsWith(`${name}/`)));
if (undeclared.length > 0) throw new Error(`dist/chat.mjs imports undeclared packages: ${[...new Set(undeclared)].join(', ')}`);
console.log(`@chat/cli: built dist/chat.mjs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
