import type { TypingEvent, User } from '@chat/api-types';
import { roomChannel, type BusMessage, type FanOut } from '../fanout/fanout.ts';

/** A typing signal lapses by itself, so a closed tab never leaves someone "typing" forever. */
export const TYPING_TTL_MS = 6_000;

interface RoomTyping {
  typing: Map<string, { user: User; timer: NodeJS.Timeout }>;
  watchers: Set<(state: TypingEvent) => void>;
  unsubscribe: Promise<() => void>;
}

/**
 * Who is typing in each room that has a watcher in this process. One state per room, shared
 * by its watchers, so someone who starts watching learns at once who is already typing.
 */
export class TypingTracker {
  private readonly rooms = new Map<string, RoomTyping>();

  constructor(private readonly fanout: FanOut) {}

  /** Calls `listener` with the current state now and after every change, until unwatched. */
  async watch(roomId: string, listener: (state: TypingEvent) => void): Promise<() => void> {
    let room = this.rooms.get(roomId);
    if (!room) {
      const created: RoomTyping = { typing: new Map(), watchers: new Set(), unsubscribe: Promise.resolve(() => {}) };
      created.unsubscribe = this.fanout.subscribe(roomChannel(roomId), (message) => this.apply(created, message));
      this.rooms.set(roomId, created);
      room = created;
    }
    const watched = room;
    await watched.unsubscribe;
    watched.watchers.add(listener);
    listener(snapshot(watched));
    return () => {
      watched.watchers.delete(listener);
      if (watched.watchers.size > 0 || this.rooms.get(roomId) !== watched) return;
      this.rooms.delete(roomId);
      for (const { timer } of watched.typing.values()) clearTimeout(timer);
      void watched.unsubscribe.then((unsubscribe) => unsubscribe());
    };
  }

  private apply(room: RoomTyping, message: BusMessage): void {
    if (message.kind !== 'typing') return;
    const { user } = message;
    const previous = room.typing.get(user.id);
    if (previous) clearTimeout(previous.timer);
    if (message.typing) {
      const timer = setTimeout(() => room.typing.delete(user.id) && this.notify(room), TYPING_TTL_MS);
      room.typing.set(user.id, { user, timer });
      if (!previous) this.notify(room);
    } else if (previous) {
      room.typing.delete(user.id);
      this.notify(room);
    }
  }

  private notify(room: RoomTyping): void {
    const state = snapshot(room);
    for (const watcher of room.watchers) watcher(state);
  }
}

const snapshot = (room: RoomTyping): TypingEvent => ({ users: [...room.typing.values()].map((t) => t.user) });
