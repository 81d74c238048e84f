import type { IncomingMessage, ServerResponse } from 'node:http';
import contentDisposition from 'content-disposition';
import send from 'send';
import type { App } from '../app.ts';
import { bearerToken, fileCookieToken, lookupFileSession, lookupSession } from '../auth/request-token.ts';
import { sendError } from './respond.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { servesInline } from '../files/file-types.ts';

/** GET /api/files/:id and /api/files/:id/thumbnail, for those who may read the file. */
export async function handleDownload(
  app: App,
  blobs: BlobStore,
  req: IncomingMessage,
  res: ServerResponse,
  fileId: string,
  thumbnail: boolean,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'use GET', { allow: 'GET, HEAD' });
  const bearer = bearerToken(req);
  const session = bearer ? await lookupSession(app, bearer) : await lookupFileSession(app, fileCookieToken(req));
  if (!session) return sendError(res, 401, 'sign in first');
  const file = /^[1-9][0-9]{0,15}$/.test(fileId) ? await app.store.getFile(fileId) : null;
  if (!file) return sendError(res, 404, 'file not found');
  if (!(await app.store.mayReadFile(file.id, session.user.id))) return sendError(res, 403, 'you may not read this file');
  if (thumbnail && !file.hasThumbnail) return sendError(res, 404, 'this file has no thumbnail');

  const inline = thumbnail || servesInline(file.mime);
  res.setHeader('content-type', thumbnail ? 'image/webp' : file.mime === 'text/plain' ? 'text/plain; charset=utf-8' : file.mime);
  res.setHeader('content-disposition', contentDisposition(file.name, { type: inline ? 'inline' : 'attachment' }));
  res.setHeader('x-content-type-options', 'nosniff');
  // Even opened directly, a file can run nothing and load nothing.
  res.setHeader('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  // The bytes behind an id never change; "private" keeps shared caches from storing them.
  res.setHeader('cache-control', 'private, max-age=31536000, immutable');
  const path = thumbnail ? blobs.thumbnailPathOf(file.sha256) : blobs.pathOf(file.sha256);
  send(req, path, { etag: true, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: 'allow' })
    .on('error', (err: SendError) => {
      // The client's doing (a range past the end, a failed precondition): its answer, and no log.
      if (err.status && err.status >= 400 && err.status < 500 && err.status !== 404) {
        return sendError(res, err.status, err.status === 416 ? 'the requested range is not in the file' : 'the request cannot be answered', lowerCased(err.headers));
      }
      app.log.error({ err, fileId }, 'file missing from the blob store');
      sendError(res, err.status === 404 ? 410 : 500, 'the file is no longer stored');
    })
    .pipe(res);
}

/** What `send` reports: a status, and for 416 the Content-Range header to answer with. */
interface SendError extends Error {
  status?: number;
  headers?: Record<string, string>;
}

const lowerCased = (headers: Record<string, string> = {}) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
