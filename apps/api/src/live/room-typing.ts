import type { TypingEvent } from '@chat/api-types';
import type { LiveServices } from './live-services.ts';
import { EventQueue } from './event-queue.ts';
import { RoomWatch } from './room-watch.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';

/** Who is typing in a room: the current state first, then a new snapshot on every change. */
export async function* roomTyping(opts: {
  app: LiveServices;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
}): AsyncGenerator<TypingEvent> {
  const queue = new EventQueue<TypingEvent>(opts.signal);
  // The room's channel carries nothing for this stream; watching it ends it when access is lost.
  const watch = new RoomWatch(opts.app, opts.room, opts.session, 'room.onTyping', {
    onRoomMessage: () => {},
    onAccessLost: (error) => queue.fail(error),
  });
  await watch.start();
  const unwatch = await opts.app.typing.watch(opts.room.id, (state) => queue.push(state));
  try {
    yield* queue;
  } finally {
    unwatch();
    watch.stop();
  }
}
