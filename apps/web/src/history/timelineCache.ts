import type { Message } from '@chat/api-types';
import type { TimelineSnapshot } from './roomTimeline.ts';

/** Enough to fill a screen and scroll a little on a reload while the server is away; older pages are read again. */
export const SAVED_MESSAGES_PER_ROOM = 100;
/** A week-old view is still worth showing while the server is away; an older one misleads more than it helps. */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
const PREFIX = 'chat.timeline.';

interface Saved extends TimelineSnapshot {
  savedAt: number;
}

export interface TimelineCache {
  read(roomId: string): TimelineSnapshot | null;
  write(roomId: string, snapshot: TimelineSnapshot): void;
  /**
   * Deletes the saved timelines of rooms not in `roomIds` (deleted, or no longer readable), and
   * those of earlier sign-ins: what the room list no longer shows is not kept on this device.
   */
  retain(roomIds: ReadonlySet<string>): void;
  /** Deletes every saved timeline, of this sign-in and any earlier one. */
  clear(): void;
}

function isSaved(value: unknown): value is Saved {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.messages) && typeof v.lastEventId === 'string' && typeof v.savedAt === 'number' && (v.olderCursor === null || typeof v.olderCursor === 'string');
}

/** A message saved before messages had replies, reactions and pins lacks their fields: it has none. */
function withExtras(saved: Message): Message {
  const { replyTo = null, threadRootId = null, replyCount = 0, reactions = [], pinned = null } = saved as Partial<Message>;
  return { ...saved, replyTo, threadRootId, replyCount, reactions, pinned };
}

function savedKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/**
 * Each room's newest messages under a key of its own (tied to the sign-in by `owner`, a
 * fingerprint of the token), so a change in one room rewrites that room's few kilobytes, never
 * the whole cache. A full storage makes room by dropping the other rooms' saved timelines.
 */
export function timelineCache(storage: Storage | undefined, owner: string): TimelineCache {
  const key = (roomId: string) => `${PREFIX}${owner}.${roomId}`;
  return {
    read(roomId) {
      try {
        const value: unknown = JSON.parse(storage?.getItem(key(roomId)) ?? 'null');
        if (!isSaved(value) || Date.now() - value.savedAt > MAX_AGE_MS) return null;
        return { messages: value.messages.map(withExtras), olderCursor: value.olderCursor, lastEventId: value.lastEventId };
      } catch {
        return null;
      }
    },
    write(roomId, snapshot) {
      if (!storage) return;
      const text = JSON.stringify({ ...snapshot, savedAt: Date.now() } satisfies Saved);
      try {
        storage.setItem(key(roomId), text);
      } catch {
        for (const other of savedKeys(storage)) if (other !== key(roomId)) storage.removeItem(other);
        try {
          storage.setItem(key(roomId), text);
        } catch {
          // Still too big: this room is simply read from the server next time.
        }
      }
    },
    retain(roomIds) {
      if (!storage) return;
      const mine = key('');
      for (const saved of savedKeys(storage)) {
        if (!saved.startsWith(mine) || !roomIds.has(saved.slice(mine.length))) storage.removeItem(saved);
      }
    },
    clear() {
      if (storage) for (const saved of savedKeys(storage)) storage.removeItem(saved);
    },
  };
}
