import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = resolve(here, '../../..');
export const BENCH_ROOT = resolve(here, '../..');
/** Our server as `npm start` runs it, and the script that builds it (compiled.ts). */
export const OUR_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');
export const OUR_BUILD = join(REPO_ROOT, 'apps/api/build.mjs');
export const BARE_WS_SOURCE = join(BENCH_ROOT, 'src/servers/bare-ws.ts');
export const SOCKETIO_SOURCE = join(BENCH_ROOT, 'src/servers/socketio.ts');
export const WS_STORE_SOURCE = join(BENCH_ROOT, 'src/servers/ws-store.ts');
export const BARE_WS_MAIN = join(BENCH_ROOT, 'dist/bare-ws.js');
export const WS_STORE_MAIN = join(BENCH_ROOT, 'dist/ws-store.js');
export const SOCKETIO_MAIN = join(BENCH_ROOT, 'dist/socketio.js');
export const RESULTS_DIR = join(BENCH_ROOT, 'results');
