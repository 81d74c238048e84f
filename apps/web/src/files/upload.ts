import { attachmentSchema, type Attachment } from './attachment.ts';
import { uploadFailure, type UploadFailure } from './uploadFailure.ts';

/** An upload the server refused or never answered; `failure` says why, for the user. */
export class UploadFailed extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure.message);
  }
}

interface UploadOptions {
  token: string | null;
  /** Share of the bytes sent so far, 0 to 1. */
  onProgress(progress: number): void;
  signal: AbortSignal;
}

/**
 * Sends one file to `POST /api/files`. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Plain HTTP, so it carries on while the WebSocket reconnects. Rejects with
 * UploadFailed, or with an AbortError once `signal` aborts.
 */
export function uploadFile(file: File, { token, onProgress, signal }: UploadOptions): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const parsed = xhr.status === 201 ? attachmentSchema.safeParse(safeJson(xhr.responseText)) : null;
      if (parsed?.success) resolve(parsed.data);
      else reject(new UploadFailed(uploadFailure(parsed ? 500 : xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new UploadFailed(uploadFailure(0, '')));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
