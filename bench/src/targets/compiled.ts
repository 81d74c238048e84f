import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BARE_WS_SOURCE, BENCH_ROOT, OUR_BUILD, SOCKETIO_SOURCE } from './paths.ts';

// Every target runs compiled JavaScript under plain `node`, as `npm start` runs ours: a target
// under tsx would carry its compiler in memory and its esbuild child beside it.

export const COMPILED = join(BENCH_ROOT, 'dist');

let built: Promise<void> | null = null;

/** Builds our server (its own build) and the baselines (one bundle each, npm packages external), once per run. */
export function buildTargets(): Promise<void> {
  built ??= (async () => {
    execFileSync(process.execPath, [OUR_BUILD], { stdio: 'inherit' });
    await build({
      entryPoints: { 'bare-ws': BARE_WS_SOURCE, socketio: SOCKETIO_SOURCE },
      outdir: COMPILED,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      packages: 'external',
      logLevel: 'warning',
    });
  })();
  return built;
}
