import { MAX_ATTACHMENTS } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import type { Attachment } from './attachment.ts';
import { UploadFailed } from './upload.ts';
import { createUploadQueue, type SavedUploads, type UploadFn } from './uploadQueue.ts';
import type { Uploads } from './uploads.ts';

/** An upload function whose calls the test answers one by one. */
function controllableUploads() {
  const calls: { file: File; progress(p: number): void; finish(): void; fail(): void; signal: AbortSignal }[] = [];
  const upload: UploadFn = (file, { onProgress, signal }) =>
    new Promise<Attachment>((resolve, reject) => {
      calls.push({
        file,
        signal,
        progress: onProgress,
        finish: () =>
          resolve({ id: String(calls.length), name: file.name, mime: 'text/plain', size: file.size, url: '/api/files/1', width: null, height: null, thumbnailUrl: null }),
        fail: () => reject(new UploadFailed({ message: 'Too large for this server.', retryable: false })),
      });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { upload, calls };
}

function memory(initial: Attachment[] = []): SavedUploads & { saved: Attachment[] } {
  const store = { saved: initial, load: () => store.saved, save: (attachments: Attachment[]) => void (store.saved = attachments) };
  return store;
}

const file = (name: string) => new File(['hello'], name, { type: 'text/plain' });

describe('upload queue', () => {
  it('uploads each file as soon as it is picked and reports progress', () => {
    const { upload, calls } = controllableUploads();
    const queue = createUploadQueue(upload, memory());
    queue.add([file('a.txt'), file('b.txt')]);
    expect(calls.map((c) => c.file.name)).toEqual(['a.txt', 'b.txt']);
    calls[0]?.progress(0.5);
    expect(queue.get().uploads.map((u) => [u.name, u.status, u.progress])).toEqual([
      ['a.txt', 'uploading', 0.5],
      ['b.txt', 'uploading', 0],
    ]);
  });

  it('takes no more files than one message may carry', () => {
    const queue = createUploadQueue(controllableUploads().upload, memory());
    const names = Array.from({ length: MAX_ATTACHMENTS + 2 }, (_, i) => file(`${i}.txt`));
    queue.add(names);
    expect(queue.get()).toMatchObject({ leftOut: 2, uploads: { length: MAX_ATTACHMENTS } });
    queue.clear();
    expect(queue.get()).toEqual({ uploads: [], leftOut: 0 });
  });

  it('tells a waiting sender once every upload has finished or failed', async () => {
    const { upload, calls } = controllableUploads();
    const queue = createUploadQueue(upload, memory());
    queue.add([file('a.txt'), file('b.txt')]);
    const settled: Uploads[] = [];
    queue.whenSettled((uploads) => settled.push(uploads));
    calls[0]?.finish();
    await Promise.resolve();
    expect(settled).toEqual([]);
    calls[1]?.fail();
    await Promise.resolve();
    expect(settled.map((u) => u.map((x) => x.status))).toEqual([['uploaded', 'failed']]);
  });

  it('uploads a failed file again on retry, and cancels a removed one', async () => {
    const { upload, calls } = controllableUploads();
    const queue = createUploadQueue(upload, memory());
    queue.add([file('a.txt'), file('b.txt')]);
    calls[0]?.fail();
    await Promise.resolve();
    const key = queue.get().uploads[0]?.key ?? '';
    queue.retry(key);
    expect(calls).toHaveLength(3);
    expect(calls[2]?.file.name).toBe('a.txt');
    queue.remove(queue.get().uploads[1]?.key ?? '');
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(queue.get().uploads.map((u) => u.name)).toEqual(['a.txt']);
  });

  it('forgets waiting senders when the room closes', async () => {
    const { upload, calls } = controllableUploads();
    const queue = createUploadQueue(upload, memory());
    queue.add([file('a.txt')]);
    let told = false;
    queue.whenSettled(() => (told = true));
    queue.abortAll();
    await Promise.resolve();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(told).toBe(false);
  });

  it('keeps finished uploads for the next visit, and forgets them once sent', async () => {
    const { upload, calls } = controllableUploads();
    const saved = memory();
    const queue = createUploadQueue(upload, saved);
    queue.add([file('a.txt'), file('b.txt')]);
    calls[0]?.finish();
    await Promise.resolve();
    expect(saved.saved.map((a) => a.name)).toEqual(['a.txt']);
    queue.abortAll();

    const next = createUploadQueue(upload, saved);
    expect(next.get().uploads.map((u) => [u.name, u.status])).toEqual([['a.txt', 'uploaded']]);
    next.clear();
    expect(saved.saved).toEqual([]);
  });
});
