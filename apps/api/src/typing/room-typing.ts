import type { App } from '../app.ts';
import type { BusMessage } from '../fanout/fanout.ts';
import { openRoomStream } from '../rooms/room-stream.ts';
import type { RoomSummary, SessionInfo, User } from '../storage/store.ts';

/** A typing signal lapses by itself, so a closed tab never leaves someone "typing" forever. */
export const TYPING_TTL_MS = 6_000;

export interface TypingState {
  users: User[];
}

/** Who is typing in a room, as a snapshot each time it changes. */
export async function* roomTyping(opts: {
  app: App;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TypingState> {
  const typing = new Map<string, { user: User; timer: NodeJS.Timeout }>();
  const snapshot = (): TypingState => ({ users: [...typing.values()].map((t) => t.user) });
  const stop = (userId: string) => {
    const entry = typing.get(userId);
    if (!entry) return false;
    clearTimeout(entry.timer);
    typing.delete(userId);
    return true;
  };
  // Returns the new state when it changed; expiry pushes its own snapshot later.
  const apply = (message: BusMessage): TypingState | undefined => {
    if (message.kind !== 'typing') return undefined;
    const wasTyping = stop(message.user.id);
    if (!message.typing) return wasTyping ? snapshot() : undefined;
    const timer = setTimeout(() => stop(message.user.id) && queue.push(snapshot()), TYPING_TTL_MS);
    typing.set(message.user.id, { user: message.user, timer });
    return wasTyping ? undefined : snapshot();
  };
  const { queue, close } = await openRoomStream({ ...opts, path: 'room.onTyping' }, apply);
  try {
    for (;;) {
      const state = await queue.next();
      if (!state) return;
      yield state;
    }
  } finally {
    close();
    for (const id of [...typing.keys()]) stop(id);
  }
}
