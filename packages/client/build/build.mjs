// Builds the published form of @chat/client into dist/: ESM JavaScript (esbuild) and one
// `.d.ts` (rollup-plugin-dts) in which the server's router types are inlined, so that a
// consumer needs neither the server's source nor our private workspace packages.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkg, 'dist');
const started = Date.now();
rmSync(dist, { recursive: true, force: true });

// JavaScript: the browser entry (index) and the Node one (node, which adds `ws`), sharing one
// chunk; every npm dependency stays an import, our private workspaces' values (the protocol
// version) are inlined, and the type-only imports of the server vanish.
const { dependencies } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const allowed = Object.keys(dependencies).filter((name) => !name.startsWith('@chat/'));
await build({
  absWorkingDir: pkg,
  entryPoints: { index: 'src/index.ts', node: 'src/node.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: allowed.flatMap((name) => [name, `${name}/*`]),
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

// Types: both entries export the same API (node.ts only changes createChatClient's default
// WebSocket), so one declaration file serves them. Our workspaces are inlined; npm packages
// (@trpc/*, ws) stay imports, resolved from the consumer's node_modules.
const repo = resolve(pkg, '../..');
const serverContext = join(repo, 'apps/api/src/context.ts');
const bundle = await rollup({
  input: join(pkg, 'src/node.ts'),
  external: (id) => !/^[./]/.test(id) && !id.startsWith('@chat/'),
  plugins: [
    {
      name: 'server-context',
      resolveId(source, importer) {
        if (!importer?.startsWith(join(repo, 'apps/api/src'))) return null;
        if (resolve(dirname(importer), source) !== serverContext) return null;
        return join(pkg, 'build/server-context.d.ts');
      },
    },
    dts({
      respectExternal: true,
      tsconfig: join(pkg, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        // Our workspaces by path, so that TypeScript reads them as part of this program rather
        // than as libraries under node_modules (one program, not one per file: seconds, not a minute).
        baseUrl: repo,
        paths: {
          '@chat/api/router': ['apps/api/src/router.ts'],
          '@chat/api-types': ['packages/api-types/src/index.ts'],
        },
      },
    }),
  ],
});
await bundle.write({ file: join(dist, 'index.d.ts'), format: 'es' });
await bundle.close();

// The declarations may import only what a consumer's npm install brings: our dependencies other
// than the private workspaces. A server module left over (say the request context came back by
// another path: pino, prom-client, node:http) or a @chat/ import would fail here, not at a user's.
const types = readFileSync(join(dist, 'index.d.ts'), 'utf8');
const imported = [...types.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
const stray = imported.filter((id) => !allowed.some((name) => id === name || id.startsWith(`${name}/`)));
if (stray.length > 0) throw new Error(`dist/index.d.ts imports what a consumer does not have: ${[...new Set(stray)].join(', ')}`);
console.log(`@chat/client: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
