import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { createApp, type App } from '../app.ts';
import { openBackends } from '../backends.ts';
import type { Config } from '../config.ts';
import { contextFactory } from '../context.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import { appRouter } from '../router.ts';
import { registerStream } from '../ws/batched-send.ts';
import { serveTrpcSockets } from '../ws/trpc-socket-server.ts';
import { BlobStore } from '../files/blob-store.ts';
import { startFileGc } from '../files/file-gc.ts';
import { routeApi } from './api-routes.ts';

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Largest WebSocket frame accepted. tRPC's client batches every call made in one tick into one
 * frame, so an outbox flushing a thousand 4000-character messages must still fit.
 */
const MAX_WS_PAYLOAD = 16 * 1024 * 1024;

export interface ServerOptions extends Partial<Config> {
  dataDir: string;
  webDist?: string;
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
  const config: Config = {
    port: opts.port ?? 3000,
    host: opts.host ?? '127.0.0.1',
    dataDir: opts.dataDir,
    logLevel: opts.logLevel ?? 'info',
    rateLimit: opts.rateLimit ?? true,
    maxUploadBytes: opts.maxUploadBytes ?? 10 * 1024 * 1024,
    uploadAllowedTypes: opts.uploadAllowedTypes ?? ['*'],
    databaseUrl: opts.databaseUrl,
    redisUrl: opts.redisUrl,
    redisPrefix: opts.redisPrefix,
  };
  const log = createLogger(config.logLevel);
  const metrics = createMetrics();
  const backends = await openBackends(config, log);
  const { store, fanout, presence, limits } = backends;
  const blobs = new BlobStore(join(config.dataDir, 'files'));
  let app: App;
  try {
    app = await createApp({ config, store, blobs, fanout, presence, limits, metrics, log });
  } catch (err) {
    await backends.close();
    throw err;
  }
  const stopFileGc = startFileGc(app);
  const createContext = contextFactory(app);

  const onError = ({ error, path }: { error: { code: string; cause?: unknown }; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, path }, 'internal error');
  };
  const trpcHttp = createHTTPHandler({ router: appRouter, createContext, basePath: '/trpc/', onError });
  const serveWeb = webApp(opts.webDist ?? DEFAULT_WEB_DIST);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/trpc' || path.startsWith('/trpc/')) return void trpcHttp(req, res);
    if (path === '/healthz') return void health(app.store.ping(), res);
    if (path === '/metrics') return void sendMetrics(metrics.registry, res);
    if (path.startsWith('/api/')) return void routeApi(app, blobs, req, res, path);
    serveWeb(req, res, () => notFound(res));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD });
  const wsHandler = serveTrpcSockets({
    wss,
    router: appRouter,
    createContext,
    onError,
    onClosed: (ctx) => {
      metrics.openSockets.dec();
      ctx?.presence?.end();
    },
    onSlowConsumer: (info) => {
      metrics.slowConsumersClosed.inc();
      log.warn(info, 'closing a socket that is not keeping up');
    },
    keepAlive: { pingMs: 30_000, pongWaitMs: 10_000 },
  });
  wss.on('connection', () => metrics.openSockets.inc());
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/trpc' && path !== '/trpc/') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      registerStream(ws, socket);
      wss.emit('connection', ws, req);
    });
  });

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
      // Tells tRPC clients to reconnect (to this address once it is back, or to another node).
      wsHandler.broadcastReconnectNotification();
      wsHandler.close();
      await new Promise((r) => setTimeout(r, 50));
      for (const client of wss.clients) client.close(1012, 'server restarting');
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      stopFileGc();
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

async function sendMetrics(registry: ReturnType<typeof createMetrics>['registry'], res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
}

/** The built web app, or a page saying how to build it (the API works either way). */
function webApp(dir: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  if (existsSync(join(dir, 'index.html'))) return sirv(dir, { single: true, etag: true, gzip: true, brotli: true });
  return (_req, res) =>
    void res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The web app is not built. Run `npm start` from the repository root, which builds it.\n');
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
}
