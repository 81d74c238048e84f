import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { App } from '../../src/app.ts';
import { contextFactory } from '../../src/context.ts';
import { appRouter } from '../../src/router.ts';

export interface ReferenceAdapter {
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * tRPC's own WebSocket adapter serving our router with our context, over the same running app
 * (same store, fan-out and sessions) as the server under test, on a port of its own. It is the
 * reference that ws/trpc-socket-server.ts is compared with, so it is wired as plainly as tRPC
 * documents it; only what socket-endpoint.ts does outside the protocol is repeated here.
 */
export async function startReferenceAdapter(app: App): Promise<ReferenceAdapter> {
  const http = createServer((_req, res) => void res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: '/trpc' });
  const createContext = contextFactory(app);
  applyWSSHandler({
    wss,
    router: appRouter,
    createContext: async (opts) => {
      const ctx = await createContext(opts);
      // Our endpoint ends a socket's session (and presence) when it closes (its onClosed); the shared app
      // would otherwise count this user online for good and differ in room.members.
      if (opts.res.readyState !== opts.res.OPEN) ctx.socketSession?.end();
      else opts.res.once('close', () => ctx.socketSession?.end());
      return ctx;
    },
    // The same timings as socket-endpoint.ts, so that only the mechanism differs.
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}/trpc`,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
