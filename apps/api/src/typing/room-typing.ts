import type { App } from '../app.ts';
import { roomChannel } from '../fanout/fanout.ts';
import { EventQueue } from '../messages/event-queue.ts';
import type { User } from '../storage/store.ts';

/** A typing signal lapses by itself, so a closed tab never leaves someone "typing" forever. */
export const TYPING_TTL_MS = 6_000;

export interface TypingState {
  users: User[];
}

/** Who is typing in a room, as a snapshot each time it changes. */
export async function* roomTyping(app: App, roomId: string, signal: AbortSignal | undefined): AsyncGenerator<TypingState> {
  const typing = new Map<string, { user: User; timer: NodeJS.Timeout }>();
  const queue = new EventQueue<TypingState>(signal);
  const snapshot = () => queue.push({ users: [...typing.values()].map((t) => t.user) });
  const stop = (userId: string) => {
    const entry = typing.get(userId);
    if (!entry) return false;
    clearTimeout(entry.timer);
    typing.delete(userId);
    return true;
  };
  const unsubscribe = await app.fanout.subscribe(roomChannel(roomId), (message) => {
    if (message.kind !== 'typing') return;
    const wasTyping = stop(message.user.id);
    if (message.typing) {
      const timer = setTimeout(() => stop(message.user.id) && snapshot(), TYPING_TTL_MS);
      typing.set(message.user.id, { user: message.user, timer });
      if (!wasTyping) snapshot();
    } else if (wasTyping) {
      snapshot();
    }
  });
  app.metrics.activeSubscriptions.inc({ path: 'room.onTyping' });
  try {
    for (;;) {
      const state = await queue.next();
      if (!state) return;
      yield state;
    }
  } finally {
    unsubscribe();
    for (const id of [...typing.keys()]) stop(id);
    app.metrics.activeSubscriptions.dec({ path: 'room.onTyping' });
  }
}
