import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister';
import { dehydrate, type QueryClient } from '@tanstack/react-query';
import { removeOldestQuery, type PersistedClient, type PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { timelineCache, type TimelineCache } from '../history/timelineCache.ts';

const KEY = 'chat.cache';
/** A week-old view is still worth showing while the server is away; an older one misleads more than it helps. */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;

export interface CachePersistence {
  options: Omit<PersistQueryClientOptions, 'queryClient'>;
  /** Each room's newest messages, saved room by room apart from the query cache. */
  timelines: TimelineCache;
  /** Stops writing; what was written stays for the next start. */
  close(): void;
  /** Stops writing and deletes what was written: signing out leaves nothing to read. */
  discard(): void;
}

/** A short, stable fingerprint of the token, so the cache belongs to one sign-in without storing the token twice. */
function fingerprint(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

function localStorageOrNull(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the signed-in session's cache (who I am, my rooms, and each room's newest messages) in
 * localStorage, so a reload while the server is down still shows the chat. The buster ties
 * it to the token: another sign-in, on this browser or after a sign-out, never sees it.
 * Writes stop the moment the session ends, so a late, throttled save cannot bring it back.
 */
export function persistCache(token: string, queryClient: QueryClient): CachePersistence {
  const storage = localStorageOrNull();
  const buster = fingerprint(token);
  const dehydrateOptions = { shouldDehydrateMutation: () => false };
  let open = true;
  const gated: Storage | undefined = storage && {
    get length() {
      return storage.length;
    },
    key: (index) => storage.key(index),
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => {
      if (open) storage.setItem(key, value);
    },
    removeItem: (key) => storage.removeItem(key),
    clear: () => storage.clear(),
  };
  const timelines = timelineCache(gated, buster);
  const persister = createSyncStoragePersister({
    storage: gated,
    key: KEY,
    // Storage full: drop the least recently used query until it fits.
    retry: removeOldestQuery,
  });
  // Saves are throttled to one a second, and a page being left runs no more timers: what it
  // showed last is written now, or the next start (perhaps offline) would miss it.
  const saveNow = () => {
    if (!open) return;
    const client: PersistedClient = { buster, timestamp: Date.now(), clientState: dehydrate(queryClient, dehydrateOptions) };
    try {
      storage?.setItem(KEY, JSON.stringify(client));
    } catch {
      // Storage full: the throttled saves, which drop old queries until it fits, have kept the last one that did.
    }
  };
  window.addEventListener('pagehide', saveNow);
  const stop = () => {
    open = false;
    window.removeEventListener('pagehide', saveNow);
  };
  return {
    options: {
      persister,
      maxAge: MAX_AGE_MS,
      buster,
      // Sends are the outbox's business; a mutation restored without its function could not run.
      dehydrateOptions,
    },
    timelines,
    close: stop,
    discard() {
      stop();
      storage?.removeItem(KEY);
      timelines.clear();
    },
  };
}
