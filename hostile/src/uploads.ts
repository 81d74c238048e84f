import { randomBytes } from 'node:crypto';
import type { Account } from './clients.ts';
import { request, type Reply } from './net.ts';
import type { Target } from './target.ts';

export interface FilePart {
  name: string;
  content: Buffer;
}

/** A multipart/form-data body with the one field `file` that POST /api/files takes. */
export function multipart(file: FilePart): { body: Buffer; contentType: string } {
  const boundary = `----hostile${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The headers of an upload of `body` by `account`. */
export const uploadHeaders = (account: Account, form: { body: Buffer; contentType: string }) => ({
  authorization: `Bearer ${account.token}`,
  'content-type': form.contentType,
  'content-length': form.body.length,
});

export interface Uploaded {
  status: number | null;
  /** The JSON answer: the file (`id`, `thumbnailUrl`, …) or the refusal (`error`, …). */
  json: Record<string, unknown>;
}

export async function upload(target: Target, account: Account, file: FilePart): Promise<Uploaded> {
  const form = multipart(file);
  const reply = await request(target, { address: account.address, method: 'POST', path: '/api/files', headers: uploadHeaders(account, form), body: form.body, timeoutMs: 30_000 });
  return { status: reply.status, json: jsonOf(reply) };
}

export function jsonOf(reply: Reply): Record<string, unknown> {
  try {
    return JSON.parse(reply.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** GET of a file as `account` (its uploader, or someone else), with extra headers (a Range). */
export const download = (target: Target, account: Account, fileId: string, headers: Record<string, string> = {}) =>
  request(target, { address: account.address, path: `/api/files/${fileId}`, headers: { authorization: `Bearer ${account.token}`, ...headers } });
