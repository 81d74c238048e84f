import type { IncomingMessage } from 'node:http';
import { PROTOCOL_HEADER } from '@chat/api-types';
import type { WebSocket } from 'ws';
import type { App } from './app.ts';
import type { Revocable } from './live/live-sessions.ts';
import { bearerToken, lookupSession } from './auth/request-token.ts';
import type { SessionInfo } from './storage/store.ts';

export interface Context {
  app: App;
  session: SessionInfo | null;
  /** The client's address (the one trusted proxies name), for per-address limits and logs. */
  ip: string;
  /** A signed-in WebSocket's presence, ended when the socket closes (null over HTTP). */
  presence: SocketPresence | null;
  /** Of the HTTP request, or of the WebSocket's upgrade request (a browser can set no headers on the socket). */
  userAgent: string;
  /** The contract version the client says it speaks, as sent; null when it says none (procedures/protocol.ts). */
  protocol: string | null;
}

interface ContextSource {
  req: IncomingMessage;
  res: unknown;
  info: { connectionParams: Record<string, string | undefined> | null };
}

function protocolOf({ req, info }: ContextSource): string | null {
  const fromParams = info.connectionParams?.protocol;
  if (typeof fromParams === 'string') return fromParams;
  const header = req.headers[PROTOCOL_HEADER];
  return typeof header === 'string' ? header : null;
}

function tokenOf({ req, info }: ContextSource): string | null {
  const fromParams = info.connectionParams?.token;
  if (typeof fromParams === 'string' && fromParams) return fromParams;
  return bearerToken(req);
}

const isWebSocket = (res: unknown): res is WebSocket =>
  typeof res === 'object' && res !== null && 'bufferedAmount' in res && 'terminate' in res;

/**
 * Never throws: a throwing context closes the socket, and clients then reconnect in
 * a storm (trpc#4774). A bad or missing token just means an anonymous context; a protocol
 * this server does not speak is refused call by call (procedures/protocol.ts).
 */
export function contextFactory(app: App) {
  return async (source: ContextSource): Promise<Context> => {
    const socket = isWebSocket(source.res) ? source.res : null;
    const ip = app.clients.of(source.req);
    const session = await lookupSession(app, tokenOf(source));
    const presence = socket && session ? new SocketPresence(app, session.sessionId, session.user.id) : null;
    return { app, session, ip, presence, userAgent: source.req.headers['user-agent'] ?? '', protocol: protocolOf(source) };
  };
}

/** Counts a signed-in socket as its user being online, until it closes or the session ends. */
export class SocketPresence implements Revocable {
  private release: (() => void) | null;

  constructor(
    private readonly app: App,
    private readonly sessionId: string,
    userId: string,
  ) {
    this.release = app.presence.connect(userId);
    app.liveSessions.attach(sessionId, this);
  }

  sessionRevoked(): void {
    this.end();
  }

  end(): void {
    this.release?.();
    this.release = null;
    this.app.liveSessions.detach(this.sessionId, this);
  }
}
