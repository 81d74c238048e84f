import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ChatError, type ChatErrorCode } from '@chat/client';

/** What POST /api/files answers with a 201 (an Attachment), as far as the CLI needs it. */
export interface Uploaded {
  id: string;
  name: string;
  mime: string;
}

/** How an upload's HTTP refusals read as the SDK's codes, so they exit as the CLI's other errors do. */
function codeOf(status: number): ChatErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  // 400, 408, 413 (too large), 415 (a type the server takes none of), 507 (quota, disk).
  return status < 500 || status === 507 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

/** Uploads a file from disk as the web app does (multipart, the bearer token); the type is the server's to sniff. */
export async function uploadFile(url: string, token: string | null, path: string): Promise<Uploaded> {
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new ChatError('BAD_REQUEST', `cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const body = new FormData();
  body.append('file', new Blob([bytes]), basename(path));
  const res = await fetch(`${url.replace(/\/+$/, '')}/api/files`, {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch((err: Error) => {
    throw new ChatError('NETWORK', err.message, null, { cause: err });
  });
  const answer = (await res.json().catch(() => ({}))) as Partial<Uploaded> & { error?: string };
  if (res.status !== 201) throw new ChatError(codeOf(res.status), `upload refused: ${answer.error ?? res.statusText}`);
  return answer as Uploaded;
}
