import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { App } from '../app.ts';
import { bearerToken, lookupSession } from '../auth/request-token.ts';
import type { Progress } from './request-deadline.ts';
import { sendError, sendJson } from './respond.ts';
import { TooManyRequests } from '../rate-limit.ts';
import { fileUrl } from '../storage/rows.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { isAllowedType, sniffType, SNIFF_BYTES } from '../files/file-types.ts';
import { UploadRefused } from '../files/upload-gate.ts';

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields of the JSON answer, for clients that act on them rather than on the text. */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const tooLarge = (max: number) => new UploadError(413, `the file is larger than ${max} bytes`, { maxBytes: max });

const sendUploadError = (res: ServerResponse, err: UploadError | UploadRefused, headers?: Record<string, string>) =>
  sendJson(res, err.status, { error: err.message, ...err.detail }, headers);

interface Received {
  tempPath: string;
  sha256: string;
  size: number;
  head: Buffer;
  name: string;
}

/** POST /api/files: one multipart field `file`, streamed to disk, never held in memory. */
export async function handleUpload(app: App, blobs: BlobStore, req: IncomingMessage, res: ServerResponse, progress: Progress): Promise<void> {
  const max = app.config.maxUploadBytes;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max + MULTIPART_OVERHEAD) {
    // Refuse before reading a byte; closing stops a client that would send it all anyway.
    return sendUploadError(res, tooLarge(max), { connection: 'close' });
  }
  const session = await lookupSession(app, bearerToken(req));
  if (!session) return sendError(res, 401, 'sign in first: send Authorization: Bearer <token>');
  let received: Received | null = null;
  let thumbnailPath: string | null = null;
  let leave: (() => void) | null = null;
  try {
    await app.limits.consume('upload', session.user.id);
    leave = await app.uploads.enter(session.user.id, Math.max(0, declared - MULTIPART_OVERHEAD));
    received = await receiveFile(req, blobs, max, progress);
    await app.uploads.checkQuota(session.user.id, received.size);
    const mime = await sniffType(received.head);
    if (!isAllowedType(mime, app.config.uploadAllowedTypes)) {
      throw new UploadError(415, `files of type ${mime} are not accepted on this server`);
    }
    thumbnailPath = blobs.tempPath();
    const image = await app.thumbnails.describe(received.tempPath, mime, thumbnailPath);
    const file = await app.store.createFile({
      sha256: received.sha256,
      name: received.name,
      mime,
      size: received.size,
      width: image?.width ?? null,
      height: image?.height ?? null,
      hasThumbnail: image?.hasThumbnail ?? false,
      uploaderId: session.user.id,
      createdAt: Date.now(),
    });
    // Only now that the row exists: the file collector may be deleting these very bytes.
    await blobs.commit(received.sha256, received.tempPath, image?.hasThumbnail ? thumbnailPath : null);
    sendJson(res, 201, {
      id: file.id,
      name: file.name,
      mime: file.mime,
      size: file.size,
      url: fileUrl(file.id),
      width: file.width,
      height: file.height,
      thumbnailUrl: file.hasThumbnail ? `${fileUrl(file.id)}/thumbnail` : null,
    });
  } catch (err) {
    if (received) await rm(received.tempPath, { force: true });
    // Not reading the rest of a refused body: the connection closes once the answer is out.
    const close = req.complete ? undefined : { connection: 'close' };
    if (err instanceof UploadError || err instanceof UploadRefused) return sendUploadError(res, err, close);
    if (err instanceof TooManyRequests) return sendError(res, 429, err.message, close);
    app.log.error({ err }, 'upload failed');
    sendError(res, 500, 'the upload could not be stored');
  } finally {
    leave?.();
    // Not an image, a failed upload, or the thumbnail was there already.
    if (thumbnailPath) await rm(thumbnailPath, { force: true });
  }
}

/** Parses the multipart body, writing the `file` field to a temp file while hashing it. */
function receiveFile(req: IncomingMessage, blobs: BlobStore, max: number, progress: Progress): Promise<Received> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy marks a file truncated when it reaches the limit: one byte more lets exactly `max` through.
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: max + 1, fields: 20, parts: 25, fieldSize: 8192 } });
    } catch {
      return reject(new UploadError(400, 'send multipart/form-data with one field named "file"'));
    }
    let writing: Promise<Received> | null = null;
    let fileStream: Readable | null = null;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      fileStream?.destroy();
      // Answer only once the temp file is gone, so nothing half-written outlives the request.
      void (writing ?? Promise.resolve(null))
        .catch(() => null)
        .then((r) => r && rm(r.tempPath, { force: true }))
        .finally(() => reject(err));
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || writing) {
        stream.resume();
        return;
      }
      fileStream = stream;
      writing = writeTemp(stream, blobs.tempPath(), cleanName(info.filename), max);
      writing.catch((err) => fail(err instanceof UploadError ? err : new UploadError(400, 'the multipart body is malformed')));
    });
    parser.on('error', () => fail(new UploadError(400, 'the multipart body is malformed')));
    parser.on('close', () => {
      if (!writing) return fail(new UploadError(400, 'the form has no field named "file"'));
      writing.then(resolve, () => {});
    });
    req.on('aborted', () => fail(new UploadError(400, 'the upload was cut off')));
    req.pipe(parser);
    // After the pipe, so this listener takes no chunk from the parser and leaves its back-pressure be.
    req.on('data', () => progress.progressed());
  });
}

async function writeTemp(stream: Readable & { truncated?: boolean }, tempPath: string, name: string, max: number): Promise<Received> {
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headSize < SNIFF_BYTES) {
        headChunks.push(chunk.subarray(0, SNIFF_BYTES - headSize));
        headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(tempPath));
    if (stream.truncated || size > max) throw tooLarge(max);
    if (size === 0) throw new UploadError(400, 'the file is empty');
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks), name };
}

/** A display name for the file: no path, no control characters, bounded length. */
function cleanName(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const name = basename((raw ?? '').replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (name || 'file').slice(0, 200);
}
