import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { App } from './app.ts';
import { hashToken } from './auth/tokens.ts';
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
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
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
    let session: SessionInfo | null = null;
    try {
      const token = tokenOf(source);
      if (token && token.length <= 128) session = await app.store.findSession(hashToken(token), Date.now());
    } catch (err) {
      app.log.warn({ err }, 'session lookup failed; continuing signed out');
    }
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
