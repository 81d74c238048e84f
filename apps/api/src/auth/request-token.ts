import type { IncomingMessage } from 'node:http';
import type { SessionServices } from './session-services.ts';
import type { SessionInfo, SessionWindow } from '../storage/store.ts';
import { aliveAt } from './session-lifetime.ts';
import { hashToken } from './tokens.ts';

/**
 * The cookie the web app sets so that <img>, <video> and download links — which cannot send an
 * Authorization header — can fetch files. It is scoped to /api/files and httpOnly.
 */
export const FILE_COOKIE = 'chat_file_token';

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice(7).trim() || null;
}

export function fileCookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === FILE_COOKIE) return decodedOrNull(value.join('='));
  }
  return null;
}

/** A cookie value with a malformed %-escape is no token, not a failure. */
function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value) || null;
  } catch {
    return null;
  }
}

/** The session a token stands for, or null; a storage failure is logged, never thrown. */
export const lookupSession = (app: SessionServices, token: string | null): Promise<SessionInfo | null> =>
  lookup(app, token, (hash, alive) => app.store.findSession(hash, alive));

/** The session of a file cookie's token, which authorizes file downloads and nothing else. */
export const lookupFileSession = (app: SessionServices, token: string | null): Promise<SessionInfo | null> =>
  lookup(app, token, (hash, alive) => app.store.findSessionByFileToken(hash, alive));

async function lookup(app: SessionServices, token: string | null, find: (hash: string, alive: SessionWindow) => Promise<SessionInfo | null>) {
  if (!token || token.length > 128) return null;
  try {
    const session = await find(hashToken(token), aliveAt(app.config));
    if (session) app.sessionRenewal.noteUse(session.sessionId);
    return session;
  } catch (err) {
    app.log.warn({ err }, 'session lookup failed; continuing signed out');
    return null;
  }
}
