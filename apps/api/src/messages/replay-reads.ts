import type { ChatStore, StoredEvent } from '../storage/store.ts';

/** How long a read is shared, and how many events all shared reads may hold at once. */
const SHARE_MS = 5_000;
const MAX_EVENTS = 20_000;

interface Entry {
  roomId: string;
  at: number;
  /** `issued` when the read was made: orders it against `mark()`. */
  order: number;
  events: Promise<StoredEvent[]>;
  size: number;
}

/**
 * Storage reads of a room's events after a position, shared by every subscriber asking for
 * the same one: after a restart, a thousand clients resume from the same lastEventId, and one
 * read — one JSON parse, and one frame serialization, per event — serves them all.
 *
 * A shared read may end before events stored since: a subscriber reads on after the last event
 * it got until storage has nothing more, so it may take any shared read that found events; an
 * empty one only if it was made after the subscriber started listening (else events stored in
 * between could be missed). Events carry their messages as they are now, so an edit or a
 * deletion in a room drops its shared reads: no later subscriber gets a text that is gone.
 */
export class ReplayReads {
  private readonly entries = new Map<string, Entry>();
  /** The keys of each room's entries. */
  private readonly byRoom = new Map<string, Set<string>>();
  private events = 0;
  private issued = 0;

  constructor(private readonly store: ChatStore) {}

  /** A position in the order of reads, taken when a subscriber starts listening. */
  mark(): number {
    return this.issued;
  }

  /** A message of the room was edited or deleted: reads made before that are not shared any more. */
  changed(roomId: string): void {
    for (const key of this.byRoom.get(roomId) ?? []) {
      const entry = this.entries.get(key);
      if (entry) this.forget(key, entry);
    }
  }

  /** Events after `afterSeq`, at most `limit`, for a subscriber listening since `since`. */
  async read(roomId: string, afterSeq: number, limit: number, since: number): Promise<StoredEvent[]> {
    const key = `${roomId}:${afterSeq}:${limit}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < SHARE_MS) {
      // A read that failed is made again (and fails, if it does, for this subscriber too).
      const events = await hit.events.catch(() => null);
      if (events && (events.length > 0 || hit.order > since)) return events;
    }
    return this.fresh(key, roomId, afterSeq, limit, now);
  }

  private fresh(key: string, roomId: string, afterSeq: number, limit: number, now: number): Promise<StoredEvent[]> {
    const stale = this.entries.get(key);
    if (stale) this.forget(key, stale);
    const events = this.store.eventsAfter(roomId, afterSeq, limit);
    const entry: Entry = { roomId, at: now, order: ++this.issued, events, size: 0 };
    this.entries.set(key, entry);
    let keys = this.byRoom.get(roomId);
    if (!keys) this.byRoom.set(roomId, (keys = new Set()));
    keys.add(key);
    events.then(
      (list) => {
        if (list.length === 0) return this.forget(key, entry);
        entry.size = list.length;
        this.events += list.length;
        this.evict();
      },
      () => this.forget(key, entry),
    );
    return events;
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.events -= entry.size;
    const keys = this.byRoom.get(entry.roomId);
    keys?.delete(key);
    if (keys?.size === 0) this.byRoom.delete(entry.roomId);
  }

  /** Oldest first (a Map keeps insertion order), until the cap and the sharing window hold. */
  private evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (this.events <= MAX_EVENTS && now - entry.at < SHARE_MS) return;
      this.forget(key, entry);
    }
  }
}

const byStore = new WeakMap<ChatStore, ReplayReads>();

/** The shared reads of one store (one per server instance). */
export function replayReads(store: ChatStore): ReplayReads {
  let reads = byStore.get(store);
  if (!reads) byStore.set(store, (reads = new ReplayReads(store)));
  return reads;
}
