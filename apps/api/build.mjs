// `npm run build -w @chat/api`: the server as plain JavaScript in dist/, run with `node`.
//
// The entry points (dist/main.js, dist/backup.js, dist/cluster.js) and the chunks they import,
// every file at dist/'s top level. Our own code and the workspace packages it imports
// (@chat/db, @chat/api-types: their `exports` are .ts sources) are inlined; every npm package
// stays external and is loaded from node_modules as under tsx, so native modules
// (better-sqlite3, sharp, @node-rs/argon2) and optional ones (pg-native) are never bundled,
// and drizzle-orm, pg, … stay one shared copy.
import { build } from 'esbuild';
import { readdirSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = realpathSync(join(here, 'src'));
const outdir = join(here, 'dist');

/**
 * Externalises bare imports, except our workspace packages which esbuild inlines. An npm
 * package imported by a workspace package is loaded by Node from dist/, so it must resolve
 * to the same file from there as from the package's own source; otherwise the build fails.
 */
const externals = {
  name: 'externals',
  setup(b) {
    const fromDist = createRequire(join(outdir, 'main.js'));
    b.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (path.startsWith('@chat/') || path.startsWith('node:')) return undefined;
      if (importer && !realpathSync(importer).startsWith(src + sep)) {
        const resolveFrom = (req) => {
          try {
            return req.resolve(path);
          } catch {
            return null;
          }
        };
        const own = resolveFrom(createRequire(importer));
        if (own && own !== resolveFrom(fromDist)) {
          return { errors: [{ text: `${path} (imported by ${relative(here, importer)}) would load another copy from dist/` }] };
        }
      }
      return { external: true };
    });
  },
};

/**
 * Inlined workspace packages find files next to their sources through `import.meta.url`
 * (packages/db: its migrations folder). In the bundle that URL would be dist/'s; it is
 * replaced by the source file's URL, relative to dist/ so the checkout may move. Our own
 * modules keep dist/'s URL: dist/ sits beside src/, so `../../web/dist` is the same place,
 * and cluster.ts starts the main.js next to it.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { readFile } = await import('node:fs/promises');
      let contents = await readFile(path, 'utf8');
      if (!realpathSync(path).startsWith(src + sep) && contents.includes('import.meta.url')) {
        const rel = relative(outdir, path).split(sep).join('/');
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

const { metafile } = await build({
  entryPoints: {
    main: join(src, 'main.ts'),
    backup: join(src, 'backup/main.ts'),
    cluster: join(src, 'cluster.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // A module imported with import() becomes a chunk of its own, loaded only when it is called
  // for: a static import of an npm package, wherever it is, would otherwise load with main.js
  // (backends.ts: pg and ioredis only for DATABASE_URL and REDIS_URL). Code the entry points
  // share goes into chunks too. All sit beside main.js, so `import.meta.url` (see sourceUrls)
  // means the same directory in each.
  splitting: true,
  // Paths in the output's comments and metafile are relative to apps/api, whoever builds.
  absWorkingDir: here,
  metafile: true,
  target: 'node20.19',
  sourcemap: true,
  // Stack traces name the .ts file and line (node --enable-source-maps); the sources
  // themselves are in the checkout, so the maps need not carry them.
  sourcesContent: false,
  plugins: [externals, sourceUrls],
  logLevel: 'warning',
  legalComments: 'none',
});

// Chunk names carry a hash of their content: without this, every change would leave the old ones
// in dist/ (and in turbo's cache of it). A running server has imported every chunk it needs by
// the time it listens, so a rebuild under it takes nothing away from it.
const outputs = new Set(Object.keys(metafile.outputs).map((file) => resolve(here, file)));
for (const file of readdirSync(outdir)) {
  if (!outputs.has(join(outdir, file))) rmSync(join(outdir, file), { recursive: true, force: true });
}
