import type { IncomingMessage, ServerResponse } from 'node:http';
import contentDisposition from 'content-disposition';
import type { App } from '../app.ts';
import { bearerToken, fileCookieToken, lookupFileSession, lookupSession } from '../auth/request-token.ts';
import { sendError } from './respond.ts';
import { ensureAvatarImages } from '../files/avatars.ts';
import type { AvatarSize, BlobStore } from '../files/blob-store.ts';
import { servesInline } from '../files/file-types.ts';
import type { FileRecord } from '../storage/store.ts';

/** What of a file a download asks for: its bytes, its thumbnail, or a square of it as someone's picture. */
export type FilePart = 'file' | 'thumbnail' | `avatar-${AvatarSize}`;

const isFileId = (fileId: string) => /^[1-9][0-9]{0,15}$/.test(fileId);

/**
 * GET /api/files/:id and /api/files/:id/thumbnail, for those who may read the file; and
 * /api/files/:id/avatar-64 and /avatar-256 for anyone signed in (every user sees every user),
 * while the file is someone's picture.
 */
export async function handleDownload(app: App, blobs: BlobStore, req: IncomingMessage, res: ServerResponse, fileId: string, part: FilePart): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'use GET', { allow: 'GET, HEAD' });
  const bearer = bearerToken(req);
  const session = bearer ? await lookupSession(app, bearer) : await lookupFileSession(app, fileCookieToken(req));
  if (!session) return sendError(res, 401, 'sign in first');
  if (part !== 'file' && part !== 'thumbnail') return sendAvatar(app, blobs, req, res, fileId, part);
  const file = isFileId(fileId) ? await app.store.getFile(fileId) : null;
  if (!file) return sendError(res, 404, 'file not found');
  if (!(await app.store.mayReadFile(file.id, session.user.id))) return sendError(res, 403, 'you may not read this file');
  const thumbnail = part === 'thumbnail';
  if (thumbnail && !file.hasThumbnail) return sendError(res, 404, 'this file has no thumbnail');
  const inline = thumbnail || servesInline(file.mime);
  const type = thumbnail ? 'image/webp' : file.mime === 'text/plain' ? 'text/plain; charset=utf-8' : file.mime;
  await sendStored(app, req, res, file, { type, inline, path: thumbnail ? blobs.thumbnailPathOf(file.sha256) : blobs.pathOf(file.sha256) });
}

async function sendAvatar(app: App, blobs: BlobStore, req: IncomingMessage, res: ServerResponse, fileId: string, part: `avatar-${AvatarSize}`) {
  const file = isFileId(fileId) ? await app.store.avatarFile(fileId) : null;
  if (!file) return sendError(res, 404, "this file is nobody's picture");
  // Made when the picture was set; made again here if another process's copy is not on this disk.
  if (!(await ensureAvatarImages(app, file.sha256))) return sendError(res, 410, 'the file is no longer stored');
  const size = part === 'avatar-64' ? 64 : 256;
  await sendStored(app, req, res, file, { type: 'image/webp', inline: true, path: blobs.avatarPathOf(file.sha256, size) });
}

/**
 * Sends a stored file (or an image made of it) with headers that keep it inert and cached.
 * `send` is loaded with the first download: its MIME table is about 2 MiB of heap that a
 * server nobody downloads from does not need to hold.
 */
async function sendStored(app: App, req: IncomingMessage, res: ServerResponse, file: FileRecord, how: { type: string; inline: boolean; path: string }): Promise<void> {
  const { default: send } = await import('send');
  res.setHeader('content-type', how.type);
  res.setHeader('content-disposition', contentDisposition(file.name, { type: how.inline ? 'inline' : 'attachment' }));
  res.setHeader('x-content-type-options', 'nosniff');
  // Even opened directly, a file can run nothing and load nothing.
  res.setHeader('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  // The bytes behind an id never change; "private" keeps shared caches from storing them.
  res.setHeader('cache-control', 'private, max-age=31536000, immutable');
  send(req, how.path, { etag: true, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: 'allow' })
    .on('error', (err: SendError) => {
      // The client's doing (a range past the end, a failed precondition): its answer, and no log.
      if (err.status && err.status >= 400 && err.status < 500 && err.status !== 404) {
        return sendError(res, err.status, err.status === 416 ? 'the requested range is not in the file' : 'the request cannot be answered', lowerCased(err.headers));
      }
      app.log.error({ err, fileId: file.id }, 'file missing from the blob store');
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
