import type { LiveServices } from './live-services.ts';
import type { BusMessage } from '../fanout/fanout.ts';
import type { RoomListener, RoomListeners } from './room-listeners.ts';
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
  expiry: NodeJS.Timeout;
}

/** The shared reads of one room, and what tells them that a message of the room changed. */
interface RoomReads {
  keys: Set<string>;
  listener: RoomListener;
}

/**
 * Storage reads of a room's events after a position, shared by every subscriber asking for
 * the same one: after a restart, a thousand clients resume from the same lastEventId, and one
 * read — one JSON parse, and one frame serialization, per event — serves them all.
 *
 * A shared read may end before events stored since: a subscriber reads on after the last event
 * it got until storage has nothing more, so it may take any shared read that found events; an
 * empty one only if it was made after the subscriber started listening (else events stored in
 * between could be missed).
 *
 * Events carry their messages as they are now, so an edit or a deletion in a room ends the
 * sharing of that room's reads: no later subscriber is handed a text that is gone. To hear of
 * it from any server process, the reads of a room listen to its channel for as long as they are
 * kept (the subscriber that made a read was listening already, so nothing is missed between).
 */
export class ReplayReads {
  private readonly entries = new Map<string, Entry>();
  private readonly rooms = new Map<string, RoomReads>();
  private events = 0;
  private issued = 0;

  constructor(
    private readonly store: ChatStore,
    private readonly listeners: RoomListeners,
  ) {}

  /** A position in the order of reads, taken when a subscriber starts listening. */
  mark(): number {
    return this.issued;
  }

  /** Events after `afterSeq`, at most `limit`, for a subscriber listening since `since`. */
  async read(roomId: string, afterSeq: number, limit: number, since: number): Promise<StoredEvent[]> {
    const key = `${roomId}:${afterSeq}:${limit}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < SHARE_MS) {
      // A read that failed is made again (and fails, if it does, for this subscriber too).
      const events = await hit.events.catch(() => null);
      if (events && (events.length > 0 || hit.order > since) && this.entries.get(key) === hit) return events;
    }
    return this.fresh(key, roomId, afterSeq, limit, now);
  }

  private fresh(key: string, roomId: string, afterSeq: number, limit: number, now: number): Promise<StoredEvent[]> {
    const stale = this.entries.get(key);
    if (stale) this.forget(key, stale);
    const events = this.store.eventsAfter(roomId, afterSeq, limit);
    const expiry = setTimeout(() => this.forget(key, entry), SHARE_MS);
    expiry.unref();
    const entry: Entry = { roomId, at: now, order: ++this.issued, events, size: 0, expiry };
    this.entries.set(key, entry);
    this.roomReads(roomId).keys.add(key);
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

  private roomReads(roomId: string): RoomReads {
    let reads = this.rooms.get(roomId);
    if (!reads) {
      const listener: RoomListener = {
        onRoomMessage: (message: BusMessage) => {
          // After a resync a change may have been missed.
          if (message.kind === 'resync' || (message.kind === 'event' && message.event.payload.type !== 'created')) this.dropRoom(roomId);
        },
      };
      reads = { keys: new Set(), listener };
      this.rooms.set(roomId, reads);
      // The room's channel is open already (the reader listens); should it fail, nothing is shared.
      this.listeners.add(roomId, listener).catch(() => this.dropRoom(roomId));
    }
    return reads;
  }

  private dropRoom(roomId: string): void {
    for (const key of this.rooms.get(roomId)?.keys ?? []) {
      const entry = this.entries.get(key);
      if (entry) this.forget(key, entry);
    }
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return;
    clearTimeout(entry.expiry);
    this.entries.delete(key);
    this.events -= entry.size;
    const reads = this.rooms.get(entry.roomId);
    if (!reads) return;
    reads.keys.delete(key);
    if (reads.keys.size > 0) return;
    this.rooms.delete(entry.roomId);
    this.listeners.remove(entry.roomId, reads.listener);
  }

  /** Oldest first (a Map keeps insertion order), until the cap holds. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.events <= MAX_EVENTS) return;
      this.forget(key, entry);
    }
  }
}

const byApp = new WeakMap<LiveServices, ReplayReads>();

/** The shared reads of one server instance. */
export function replayReads(app: LiveServices): ReplayReads {
  let reads = byApp.get(app);
  if (!reads) byApp.set(app, (reads = new ReplayReads(app.store, app.roomListeners)));
  return reads;
}
