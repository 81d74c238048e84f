import { MAX_ATTACHMENTS } from '@chat/api-types';
import type { Attachment } from './attachment.ts';
import { UploadFailed } from './upload.ts';
import { isUploading, restoredUploads, uploadedAttachments, uploadsReducer, type UploadAction, type Uploads } from './uploads.ts';

export type UploadFn = (file: File, opts: { onProgress(progress: number): void; signal: AbortSignal }) => Promise<Attachment>;

/** Where the finished uploads of a draft are kept, so a reload or a visit to another room keeps them. */
export interface SavedUploads {
  load(): Attachment[];
  save(attachments: Attachment[]): void;
}

export interface QueueState {
  uploads: Uploads;
  /** How many of the files last picked did not fit in the message. */
  leftOut: number;
}

export interface UploadQueue {
  get(): QueueState;
  subscribe(listener: () => void): () => void;
  /** Starts uploading the files that fit in one message. */
  add(files: readonly File[]): void;
  retry(key: string): void;
  remove(key: string): void;
  /** Forgets every file: the message carrying them is in the outbox. */
  clear(): void;
  /** Calls back once nothing is uploading any more: at once when nothing is. */
  whenSettled(callback: (uploads: Uploads) => void): void;
  /** Stops every upload and frees every preview: the room was closed. Finished uploads stay saved. */
  abortAll(): void;
}

/** Local previews only for images; anything else shows an icon. */
const previewOf = (file: File) => (file.type.startsWith('image/') ? URL.createObjectURL(file) : null);

/**
 * The files picked for a room's next message, each uploading on its own as soon as it is picked,
 * so they are usually on the server by the time the message is written. Outside React, like the
 * outbox, so uploads and their callbacks do not depend on renders.
 */
export function createUploadQueue(upload: UploadFn, saved: SavedUploads): UploadQueue {
  let state = restoredUploads(saved.load());
  let snapshot: QueueState = { uploads: state, leftOut: 0 };
  let nextKey = 0;
  const files = new Map<string, { file: File; controller: AbortController }>();
  const listeners = new Set<() => void>();
  let waiters: ((uploads: Uploads) => void)[] = [];

  const publish = (leftOut: number) => {
    snapshot = { uploads: state, leftOut };
    for (const listener of [...listeners]) listener();
  };

  const dispatch = (action: UploadAction) => {
    const next = uploadsReducer(state, action);
    if (next === state) return;
    // One action changes one file at most, so a different count is a different set (progress is not saved).
    const finishedBefore = uploadedAttachments(state).length;
    state = next;
    if (uploadedAttachments(state).length !== finishedBefore) saved.save(uploadedAttachments(state));
    publish(snapshot.leftOut);
    if (isUploading(state) || waiters.length === 0) return;
    const settled = waiters;
    waiters = [];
    for (const waiter of settled) waiter(state);
  };

  const start = (key: string, file: File) => {
    const controller = new AbortController();
    files.set(key, { file, controller });
    upload(file, { signal: controller.signal, onProgress: (progress) => dispatch({ type: 'progressed', key, progress }) }).then(
      (attachment) => dispatch({ type: 'uploaded', key, attachment }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof UploadFailed ? error.failure : { message: 'The upload failed. Retry.', retryable: true };
        dispatch({ type: 'failed', key, failure });
      },
    );
  };

  const forget = (key: string) => {
    files.get(key)?.controller.abort();
    files.delete(key);
    const preview = state.find((u) => u.key === key)?.previewUrl;
    if (preview) URL.revokeObjectURL(preview);
  };

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add(picked) {
      const fitting = picked.slice(0, Math.max(0, MAX_ATTACHMENTS - state.length));
      publish(picked.length - fitting.length);
      for (const file of fitting) {
        const key = String(++nextKey);
        dispatch({ type: 'added', upload: { key, name: file.name, size: file.size, previewUrl: previewOf(file) } });
        start(key, file);
      }
    },
    retry(key) {
      const entry = files.get(key);
      if (!entry || state.find((u) => u.key === key)?.status !== 'failed') return;
      dispatch({ type: 'retried', key });
      start(key, entry.file);
    },
    remove(key) {
      forget(key);
      dispatch({ type: 'removed', key });
    },
    clear() {
      for (const key of [...files.keys()]) forget(key);
      dispatch({ type: 'cleared' });
      publish(0);
    },
    whenSettled(callback) {
      if (isUploading(state)) waiters.push(callback);
      else callback(state);
    },
    abortAll() {
      // Whoever waited for these uploads is gone with the room: they must not hear of it.
      waiters = [];
      for (const key of [...files.keys()]) forget(key);
    },
  };
}
