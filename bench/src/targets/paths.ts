import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = resolve(here, '../../..');
export const BENCH_ROOT = resolve(here, '../..');
export const OUR_MAIN = join(REPO_ROOT, 'apps/api/src/main.ts');
export const BARE_WS_MAIN = join(BENCH_ROOT, 'src/servers/bare-ws.ts');
export const SOCKETIO_MAIN = join(BENCH_ROOT, 'src/servers/socketio.ts');
export const RESULTS_DIR = join(BENCH_ROOT, 'results');
