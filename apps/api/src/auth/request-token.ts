import type { IncomingMessage } from 'node:http';
import type { App } from '../app.ts';
import type { SessionInfo } from '../storage/store.ts';
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
export async function lookupSession(app: App, token: string | null): Promise<SessionInfo | null> {
  if (!token || token.length > 128) return null;
  try {
    return await app.store.findSession(hashToken(token), Date.now());
  } catch (err) {
    app.log.warn({ err }, 'session lookup failed; continuing signed out');
    return null;
  }
}
