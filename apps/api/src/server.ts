import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { createApp, type App } from './app.ts';
import { openBackends } from './backends.ts';
import { loadConfig, type Config, type Limits } from './config.ts';
import { contextFactory } from './context.ts';
import { createLogger } from './log.ts';
import { createMetrics } from './metrics.ts';
import { BlobStore } from './files/blob-store.ts';
import { startFileGc } from './files/file-gc.ts';
import { routeApi } from './http/api-routes.ts';
import { setBrowserDefences } from './http/browser-defences.ts';
import { sendMetrics } from './http/metrics-endpoint.ts';
import { requestDeadline } from './http/request-deadline.ts';
import { serveSocketEndpoint } from './http/socket-endpoint.ts';
import { trpcOverHttp } from './http/trpc-http.ts';

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServerOptions extends Partial<Omit<Config, 'limits'>> {
  dataDir: string;
  webDist?: string;
  limits?: Partial<Limits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The running services, for embedding and for tests that drive maintenance by hand. */
  app: App;
  close(): Promise<void>;
}

/** Starts the whole chat server (API, WebSocket, static web app) on one port. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { webDist, limits: givenLimits, ...given } = opts;
  const defaults = loadConfig({});
  const config: Config = { ...defaults, ...definedOnly(given), limits: { ...defaults.limits, ...definedOnly(givenLimits ?? {}) } };
  const log = createLogger(config.logLevel);
  const metrics = createMetrics();
  const backends = await openBackends(config, log);
  const { store, fanout, presence, limits, signIns } = backends;
  const blobs = new BlobStore(join(config.dataDir, 'files'));
  let app: App;
  try {
    app = await createApp({ config, store, blobs, fanout, presence, limits, signIns, metrics, log });
  } catch (err) {
    await backends.close();
    throw err;
  }
  const stopFileGc = startFileGc(app);
  const stopSessionRenewal = app.sessionRenewal.start();
  const createContext = contextFactory(app);

  const onError = ({ error, path }: { error: { code: string; cause?: unknown }; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, path }, 'internal error');
  };
  const { limits: bounds } = config;
  const trpcHttp = trpcOverHttp({ createContext, limits: bounds, onError });
  const serveWeb = webApp(webDist ?? DEFAULT_WEB_DIST);

  const server = createServer(
    // Header and request deadlines are enforced by a sweep; a slow one would let them run long.
    { connectionsCheckingInterval: Math.min(1000, bounds.httpHeadersTimeoutMs), headersTimeout: bounds.httpHeadersTimeoutMs, requestTimeout: 0 },
    (req, res) => {
      setBrowserDefences(req, res);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const upload = path === '/api/files' && req.method === 'POST';
      const progress = requestDeadline(req, res, upload ? { idleMs: bounds.uploadIdleTimeoutMs } : { totalMs: bounds.httpRequestTimeoutMs });
      if (path === '/trpc' || path.startsWith('/trpc/')) return trpcHttp(req, res);
      if (path === '/healthz') return void health(app.store.ping(), res);
      if (path === '/metrics') return void sendMetrics(metrics.registry, config.metricsToken, req, res);
      if (path.startsWith('/api/')) return void routeApi(app, blobs, { req, res, path, progress });
      serveWeb(req, res, () => notFound(res));
    },
  );

  const sockets = serveSocketEndpoint(server, app, { createContext, onError });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    { port, host: config.host, dataDir: config.dataDir, storage: config.databaseUrl ? 'postgresql' : 'sqlite', fanout: config.redisUrl ? 'redis' : 'in-process' },
    'chat server listening',
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      server.close();
      await sockets.close();
      server.closeAllConnections();
      stopFileGc();
      await stopSessionRenewal();
      await backends.close();
      log.info('chat server stopped');
    })());
  return { url: `http://${config.host}:${port}`, port, app, close };
}

async function health(ping: Promise<void>, res: ServerResponse): Promise<void> {
  try {
    await ping;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } catch {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false}');
  }
}

/** The built web app, or a page saying how to build it (the API works either way). */
function webApp(dir: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  if (existsSync(join(dir, 'index.html'))) return sirv(dir, { single: true, etag: true, gzip: true, brotli: true });
  return (_req, res) =>
    void res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The web app is not built. Run `npm start` from the repository root, which builds it.\n');
}

/** Options left out or given as undefined keep their defaults. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
}
