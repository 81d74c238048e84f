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
  /** A signed-in WebSocket's hold on its session, ended when the socket closes (null over HTTP). */
  socketSession: SocketSession | null;
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
    const socketSession = socket && session ? new SocketSession(app, session) : null;
    return { app, session, ip, socketSession, userAgent: source.req.headers['user-agent'] ?? '', protocol: protocolOf(source) };
  };
}

/**
 * Whether the context's session may still act. Over HTTP it was looked up for this very
 * request. A socket looked it up once, when it opened, and holds it until the session is
 * revoked — a logout or a password change on any server process reaches the socket at once
 * (live-sessions.ts), and sessions with a socket open are never idle (session-renewal.ts) —
 * or reaches its absolute end: no database read per call.
 */
export const sessionHolds = (ctx: Pick<Context, 'session' | 'socketSession'>, now = Date.now()): boolean =>
  ctx.session !== null && (ctx.socketSession?.holds(now) ?? true);

/** A signed-in socket: its user counts as online, and its session holds, until it closes or the session ends. */
export class SocketSession implements Revocable {
  private release: (() => void) | null;
  private revoked = false;

  constructor(
    private readonly app: App,
    private readonly session: SessionInfo,
  ) {
    this.release = app.presence.connect(session.user.id);
    app.liveSessions.attach(session.sessionId, this);
  }

  holds(now: number): boolean {
    return !this.revoked && now < this.session.expiresAt;
  }

  sessionRevoked(): void {
    this.revoked = true;
    this.end();
  }

  end(): void {
    this.release?.();
    this.release = null;
    this.app.liveSessions.detach(this.session.sessionId, this);
  }
}
