import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TRPCError } from '@trpc/server';
import { WebSocketServer } from 'ws';
import type { App } from '../app.ts';
import type { contextFactory } from '../context.ts';
import { appRouter } from '../router.ts';
import { throttledLog } from '../throttled-log.ts';
import { registerStream } from '../ws/batched-send.ts';
import { SocketAdmission } from '../ws/socket-admission.ts';
import { serveTrpcSockets } from '../ws/trpc-socket-server.ts';
import { originAllowed } from './browser-defences.ts';
import { addressBucket } from '../client-address.ts';

interface Options {
  createContext: ReturnType<typeof contextFactory>;
  onError(opts: { error: TRPCError; path?: string }): void;
}

/**
 * `ws://…/trpc` on the HTTP server: who may open a socket (socket-admission.ts), how large a
 * frame may be, and tRPC's protocol with our limits on calls and subscriptions. Returns how to
 * close every socket when the server stops.
 */
export function serveSocketEndpoint(server: Server, app: App, { createContext, onError }: Options) {
  const { config, metrics, log } = app;
  const bounds = config.limits;
  const admission = new SocketAdmission({
    maxUnsignedPerAddress: config.rateLimit ? bounds.wsMaxUnsignedPerAddress : null,
    unsignedTimeoutMs: bounds.wsUnsignedTimeoutMs,
    maxSocketsPerUser: bounds.wsMaxSocketsPerUser,
  });
  const logProtocolError = throttledLog(log, 'debug', 'closed a WebSocket that broke the protocol');
  const logSlowConsumer = throttledLog(log, 'warn', 'closed sockets that were not keeping up');
  const wss = new WebSocketServer({ noServer: true, maxPayload: bounds.wsMaxFrameBytes });
  const sockets = serveTrpcSockets({
    wss,
    router: appRouter,
    createContext,
    limits: { maxCallsPerFrame: bounds.wsMaxCallsPerFrame, maxCallsInFlight: bounds.wsMaxCallsInFlight, maxSubscriptions: bounds.wsMaxSubscriptions },
    // Every subscription follows one room (or, without one, the caller): one of each per socket.
    subscriptionKey: (path, input) => `${path}:${isRecord(input) && typeof input.roomId === 'string' ? input.roomId : ''}`,
    admit: (ctx, socket) => admission.contextMade(socket, ctx.session?.user.id ?? null),
    onError,
    onProtocolError: (err) => logProtocolError({ reason: err.message }),
    onClosed: (ctx, socket) => {
      metrics.openSockets.dec();
      admission.closed(socket, ctx?.session?.user.id ?? null);
      ctx?.socketSession?.end();
    },
    onSlowConsumer: (info) => {
      metrics.slowConsumersClosed.inc();
      logSlowConsumer(info);
    },
    keepAlive: { pingMs: 30_000, pongWaitMs: 10_000 },
  });
  wss.on('connection', () => metrics.openSockets.inc());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/trpc' && path !== '/trpc/') return void socket.destroy();
    if (!originAllowed(req, config.allowedOrigins)) return refuseOrigin(socket);
    const address = addressBucket(app.clients.of(req));
    if (!admission.mayOpen(address)) return refuseUnsigned(socket);
    wss.handleUpgrade(req, socket, head, (ws) => {
      registerStream(ws, socket);
      admission.opened(ws, address);
      wss.emit('connection', ws, req);
    });
  });

  return {
    async close(): Promise<void> {
      // Tells tRPC clients to reconnect (to this address once it is back, or to another node).
      sockets.broadcastReconnectNotification();
      sockets.close();
      await new Promise((r) => setTimeout(r, 50));
      for (const client of wss.clients) client.close(1012, 'server restarting');
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

function refuseOrigin(socket: Duplex): void {
  const body = JSON.stringify({ error: "this page's origin may not open the WebSocket (see ALLOWED_ORIGINS)" });
  socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
}

function refuseUnsigned(socket: Duplex): void {
  const body = JSON.stringify({ error: 'too many connections from this address are not signed in' });
  socket.end(
    `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\nRetry-After: 10\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
