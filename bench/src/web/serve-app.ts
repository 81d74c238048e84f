// A checkout's server, started as `main.ts` would, but serving the web app the bench built
// for it (BENCH_WEB_DIST) instead of apps/web/dist: that folder is rebuilt by whoever works
// in the checkout, and a rebuild in the middle of a run would measure a half-written app.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { loadConfig as LoadConfig } from '../../../apps/api/src/config.ts';
import type { startServer as StartServer } from '../../../apps/api/src/http/server.ts';

const root = process.env.BENCH_CHECKOUT ?? '';
const webDist = process.env.BENCH_WEB_DIST ?? '';
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { loadConfig } = (await load('apps/api/src/config.ts')) as { loadConfig: typeof LoadConfig };
const { startServer } = (await load('apps/api/src/http/server.ts')) as { startServer: typeof StartServer };

const server = await startServer({ ...loadConfig(process.env), webDist });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
