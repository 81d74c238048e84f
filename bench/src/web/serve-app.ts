// A checkout's server, started as `main.ts` would, but serving the web app the bench built
// for it (BENCH_WEB_DIST) instead of apps/web/dist: that folder is rebuilt by whoever works
// in the checkout, and a rebuild in the middle of a run would measure a half-written app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerOptions, startServer as StartServer } from '@chat/api/server';

// The code is the other checkout's, loaded by path at run time (that is the A/B comparison);
// only its shape is this checkout's, through the package's own export.
const root = process.env.BENCH_CHECKOUT ?? '';
const webDist = process.env.BENCH_WEB_DIST ?? '';
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { loadConfig } = (await load('apps/api/src/config.ts')) as { loadConfig: (env: NodeJS.ProcessEnv) => ServerOptions };
// Checkouts from before the composition root moved out of http/ keep it there.
const serverPath = existsSync(join(root, 'apps/api/src/server.ts')) ? 'apps/api/src/server.ts' : 'apps/api/src/http/server.ts';
const { startServer } = (await load(serverPath)) as { startServer: typeof StartServer };

const server = await startServer({ ...loadConfig(process.env), webDist });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
