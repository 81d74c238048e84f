import type { App } from '../app.ts';
import { openRoomStream } from '../rooms/room-stream.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import type { TypingState } from './typing-tracker.ts';

/** Who is typing in a room: the current state first, then a new snapshot on every change. */
export async function* roomTyping(opts: {
  app: App;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TypingState> {
  // The stream carries nothing itself; it ends this subscription when access is lost.
  const { queue, close } = await openRoomStream<TypingState>({ ...opts, path: 'room.onTyping' }, () => undefined);
  const unwatch = await opts.app.typing.watch(opts.room.id, (state) => queue.push(state));
  try {
    yield* queue;
  } finally {
    unwatch();
    close();
  }
}
