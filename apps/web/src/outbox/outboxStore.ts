import type { KeyValueStorage } from '../lib/keyValueStorage.ts';
import { enqueue, remove, revive, setStatus, type Outbox, type OutboxEntry } from './outbox.ts';

export interface OutboxStore {
  get(): Outbox;
  subscribe(listener: () => void): () => void;
  add(entry: Omit<OutboxEntry, 'status'>): void;
  setStatus(clientMsgId: string, status: OutboxEntry['status'], error?: string): void;
  remove(clientMsgId: string): void;
  dispose(): void;
}

/** One outbox per user, so a shared computer never sends one person's words as another. */
export function outboxKey(userId: string): string {
  return `chat.outbox.${userId}`;
}

function read(storage: KeyValueStorage, key: string): Outbox {
  try {
    return revive(JSON.parse(storage.getItem(key) ?? '[]'));
  } catch {
    return [];
  }
}

/**
 * The outbox of one user, written through to storage on every change so that nothing typed is
 * lost to a reload or a crash. Other tabs of the same user see the same outbox: their writes
 * arrive as storage events (`reload`).
 */
export function createOutboxStore(userId: string, storage: KeyValueStorage): OutboxStore & { reload(): void } {
  const key = outboxKey(userId);
  const listeners = new Set<() => void>();
  let state = read(storage, key);

  const commit = (next: Outbox) => {
    if (next === state) return;
    state = next;
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the outbox still works for this page's lifetime.
    }
    for (const listener of listeners) listener();
  };

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add: (entry) => commit(enqueue(state, entry)),
    setStatus: (clientMsgId, status, error) => commit(setStatus(state, clientMsgId, status, error)),
    remove: (clientMsgId) => commit(remove(state, clientMsgId)),
    reload() {
      // Another tab's in-flight sends look queued from here; resending them is harmless.
      state = read(storage, key);
      for (const listener of listeners) listener();
    },
    dispose: () => listeners.clear(),
  };
}
