import type { WebSocket } from 'ws';
import { tracked, TRPCError, type TrackedEnvelope } from '@trpc/server';
import type { App } from '../app.ts';
import { openRoomStream } from '../rooms/room-stream.ts';
import type { RoomEventPayload, RoomSummary, SessionInfo, StoredEvent } from '../storage/store.ts';
import { guardSocket } from '../ws/back-pressure.ts';

const REPLAY_BATCH = 500;

interface Options {
  app: App;
  room: RoomSummary;
  lastEventId: number | null;
  session: SessionInfo;
  socket: WebSocket | null;
  signal: AbortSignal | undefined;
}

/**
 * A room's events for one subscriber, with nothing lost and nothing repeated: it listens
 * first, then replays from storage everything after `lastEventId`, then streams live events,
 * dropping those already sent and re-reading from storage whenever the live stream skips a
 * sequence number (another process's event that arrived late or not at all).
 */
export async function* roomEvents(opts: Options): AsyncGenerator<TrackedEnvelope<RoomEventPayload>> {
  const { app, socket } = opts;
  const roomId = opts.room.id;
  const guard = guardSocket(app, socket);
  const { queue, close } = await openRoomStream<StoredEvent>(
    { ...opts, path: 'message.onEvent' },
    (message) => (message.kind === 'event' ? message.event : undefined),
    (queue) => guard(queue.size),
  );
  try {
    // Read after subscribing: anything newer than this arrives through the queue.
    const current = await app.store.getRoomSummary(roomId);
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'room not found' });
    let last = opts.lastEventId ?? current.lastSeq;
    if (last > current.lastSeq) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'lastEventId: is newer than the newest event of this room' });
    }
    const fromStorage = async function* (until: number) {
      while (last < until) {
        const batch = await app.store.eventsAfter(roomId, last, Math.min(REPLAY_BATCH, until - last));
        for (const event of batch) {
          last = event.seq;
          yield event;
        }
        if (batch.length === 0) return;
      }
    };
    for await (const event of fromStorage(Number.MAX_SAFE_INTEGER)) yield deliver(app, event);
    for (;;) {
      const event = await queue.next();
      if (!event) return;
      if (event.seq <= last) continue;
      if (event.seq > last + 1) {
        for await (const missed of fromStorage(event.seq)) yield deliver(app, missed);
        continue;
      }
      last = event.seq;
      yield deliver(app, event);
    }
  } finally {
    close();
  }
}

function deliver(app: App, event: StoredEvent): TrackedEnvelope<RoomEventPayload> {
  app.metrics.eventsDelivered.inc();
  // The payload object is shared by every subscriber of the room: the encoder caches its JSON.
  return tracked(String(event.seq), event.payload);
}
