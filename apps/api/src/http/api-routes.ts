import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { type FilePart, handleDownload } from './file-download.ts';
import { handleFileCookie } from './file-cookie.ts';
import { handleUpload } from './file-upload.ts';
import { isConnectionFailure } from '../storage/errors.ts';
import type { Progress } from './request-deadline.ts';
import { sendError } from './respond.ts';

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  /** Told as an upload's bytes arrive (request-deadline.ts). */
  progress: Progress;
}

/** The plain-HTTP endpoints under /api (everything else is tRPC). */
export async function routeApi(app: App, blobs: BlobStore, { req, res, path, progress }: ApiRequest): Promise<void> {
  try {
    if (path === '/api/files') {
      if (req.method !== 'POST') return sendError(res, 405, 'use POST', { allow: 'POST' });
      return await handleUpload(app, blobs, req, res, progress);
    }
    const file = /^\/api\/files\/([^/]+)(?:\/(thumbnail|avatar-64|avatar-256))?$/.exec(path);
    if (file) return await handleDownload(app, blobs, req, res, file[1] as string, (file[2] as FilePart | undefined) ?? 'file');
    if (path === '/api/session') return await handleFileCookie(app, req, res);
    sendError(res, 404, 'not found');
  } catch (err) {
    if (isConnectionFailure(err)) {
      app.log.warn({ path }, 'request failed: the database is unavailable');
      sendError(res, 503, 'the database is unavailable; try again shortly', { 'retry-after': '1' });
      return;
    }
    app.log.error({ err, path }, 'request failed');
    sendError(res, 500, 'internal error');
  }
}
