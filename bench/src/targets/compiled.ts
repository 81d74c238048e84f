import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BARE_WS_SOURCE, BENCH_ROOT, OUR_BUILD, SOCKETIO_SOURCE, WS_STORE_SOURCE } from './paths.ts';

// Every target runs compiled JavaScript under plain `node`, as `npm start` runs ours: a target
// under tsx would carry its compiler in memory and its esbuild child beside it.

export const COMPILED = join(BENCH_ROOT, 'dist');

let built: Promise<void> | null = null;

/**
 * npm packages load from node_modules, as under our own build; our workspace packages (whose
 * `exports` are TypeScript sources: ws-store.ts imports our SQLite store) are bundled.
 */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@chat/') ? undefined : { external: true }));
  },
};

/** Builds our server (its own build) and the baselines (one bundle each, npm packages external), once per run. */
export function buildTargets(): Promise<void> {
  built ??= (async () => {
    execFileSync(process.execPath, [OUR_BUILD], { stdio: 'inherit' });
    await build({
      entryPoints: { 'bare-ws': BARE_WS_SOURCE, 'ws-store': WS_STORE_SOURCE, socketio: SOCKETIO_SOURCE },
      outdir: COMPILED,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      plugins: [npmPackagesExternal],
      logLevel: 'warning',
    });
  })();
  return built;
}
