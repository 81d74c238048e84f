import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.ts';
import { bearerToken, FILE_COOKIE, lookupSession } from '../auth/request-token.ts';
import { fileTokenOf, hashToken } from '../auth/tokens.ts';
import { sendError, sendJson } from './respond.ts';

/**
 * POST /api/session sets the httpOnly file cookie for the session of a Bearer token; DELETE
 * clears it. The cookie holds the session's file token, not the session token: it is accepted
 * by file downloads only, ends with its session, and is scoped to /api/files and SameSite=Strict.
 */
export async function handleFileCookie(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const secure = app.clients.viaHttps(req) ? '; Secure' : '';
  const attributes = `Path=/api/files; HttpOnly; SameSite=Strict${secure}`;
  if (req.method === 'DELETE') {
    return sendJson(res, 200, { ok: true }, { 'set-cookie': `${FILE_COOKIE}=; ${attributes}; Max-Age=0` });
  }
  if (req.method !== 'POST') return sendError(res, 405, 'use POST or DELETE', { allow: 'POST, DELETE' });
  const token = bearerToken(req);
  const session = await lookupSession(app, token);
  if (!token || !session) return sendError(res, 401, 'sign in first');
  const fileToken = fileTokenOf(token);
  await app.store.setFileToken(session.sessionId, hashToken(fileToken));
  const maxAge = Math.floor(app.config.sessionMaxMs / 1000);
  sendJson(res, 200, { ok: true }, { 'set-cookie': `${FILE_COOKIE}=${fileToken}; ${attributes}; Max-Age=${maxAge}` });
}
