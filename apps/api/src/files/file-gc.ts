import type { Logger } from '../log.ts';
import type { ChatStore } from '../storage/store.ts';
import type { BlobStore } from './blob-store.ts';

/** What collecting files works with: a part of the server's FileServices (app.ts), which holds these. */
export interface FileServices {
  store: ChatStore;
  blobs: BlobStore;
  log: Logger;
}

/** Uploads that no message used within a day are abandoned (a closed tab, a removed preview). */
export const UNATTACHED_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Deletes abandoned uploads and the blobs no other upload shares; returns how many blobs went. */
export async function collectUnattachedFiles(app: FileServices, now = Date.now()): Promise<number> {
  const unused = await app.store.deleteUnattachedFiles(now - UNATTACHED_MAX_AGE_MS);
  await removeBlobs(app, unused);
  return unused.length;
}

/** Deletes the bytes of files whose rows are gone (abandoned uploads, a deleted message's files). */
export async function removeBlobs(app: FileServices, unused: string[]): Promise<void> {
  // An identical upload may be creating its row right now: the blob store asks once more.
  for (const sha256 of unused) await app.blobs.removeUnless(sha256, () => app.store.hasFileWithContent(sha256));
}

/** Sweeps at start (a migration may have left files to collect) and then every `everyMs`. */
export function startFileGc(app: FileServices, everyMs = 60 * 60 * 1000): () => void {
  let stopped = false;
  const sweep = () => {
    if (stopped) return;
    collectUnattachedFiles(app).catch((err) => app.log.error({ err }, 'file clean-up failed'));
  };
  const first = setTimeout(sweep, 0);
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
