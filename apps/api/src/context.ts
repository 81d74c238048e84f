import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { App } from './app.ts';
import { bearerToken, lookupSession } from './auth/request-token.ts';
import type { SessionInfo } from './storage/store.ts';

export interface Context {
  app: App;
  session: SessionInfo | null;
  /** Client address, for per-address limits on signing in. */
  ip: string;
  /** The WebSocket a call came over (null over HTTP): for back-pressure on subscriptions. */
  socket: WebSocket | null;
}

interface ContextSource {
  req: IncomingMessage;
  res: unknown;
  info: { connectionParams: Record<string, string | undefined> | null };
}

function tokenOf({ req, info }: ContextSource): string | null {
  const fromParams = info.connectionParams?.token;
  if (typeof fromParams === 'string' && fromParams) return fromParams;
  return bearerToken(req);
}

const isWebSocket = (res: unknown): res is WebSocket =>
  typeof res === 'object' && res !== null && 'bufferedAmount' in res && 'terminate' in res;

/**
 * Never throws: a throwing context makes tRPC close the socket, and clients then reconnect in
 * a storm (trpc#4774). A bad or missing token just means an anonymous context.
 */
export function contextFactory(app: App) {
  return async (source: ContextSource): Promise<Context> => {
    const socket = isWebSocket(source.res) ? source.res : null;
    const ip = source.req.socket.remoteAddress ?? 'unknown';
    const session = await lookupSession(app, tokenOf(source));
    if (socket && session) trackPresence(app, socket, session);
    return { app, session, ip, socket };
  };
}

function trackPresence(app: App, socket: WebSocket, session: SessionInfo): void {
  const release = app.presence.connect(session.user.id);
  const detach = app.liveSessions.attach(session.sessionId, release);
  socket.once('close', () => {
    release();
    detach();
  });
}
