import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.ts';
import { SESSION_TTL_MS } from '../auth/tokens.ts';
import { bearerToken, FILE_COOKIE, lookupSession } from '../auth/request-token.ts';
import { sendError, sendJson } from '../http/respond.ts';

/**
 * POST /api/session sets the httpOnly file cookie from a Bearer token; DELETE clears it.
 * It is scoped to /api/files and SameSite=Strict, so it authorizes nothing else.
 */
export async function handleFileCookie(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  const attributes = `Path=/api/files; HttpOnly; SameSite=Strict${secure}`;
  if (req.method === 'DELETE') {
    return sendJson(res, 200, { ok: true }, { 'set-cookie': `${FILE_COOKIE}=; ${attributes}; Max-Age=0` });
  }
  if (req.method !== 'POST') return sendError(res, 405, 'use POST or DELETE', { allow: 'POST, DELETE' });
  const token = bearerToken(req);
  if (!token || !(await lookupSession(app, token))) return sendError(res, 401, 'sign in first');
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  sendJson(res, 200, { ok: true }, { 'set-cookie': `${FILE_COOKIE}=${encodeURIComponent(token)}; ${attributes}; Max-Age=${maxAge}` });
}
