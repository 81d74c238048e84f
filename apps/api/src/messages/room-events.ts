import type { WebSocket } from 'ws';
import { tracked, TRPCError, type TrackedEnvelope } from '@trpc/server';
import type { App } from '../app.ts';
import { openRoomStream } from '../rooms/room-stream.ts';
import { isConnectionFailure } from '../storage/errors.ts';
import type { RoomEventPayload, RoomSummary, SessionInfo, StoredEvent } from '../storage/store.ts';
import { guardSocket } from '../ws/back-pressure.ts';

const REPLAY_BATCH = 500;
/** Re-reads after the fan-out reconnected: everything since the last event sent may be missing. */
const RESYNC = Symbol('resync');
/** A storage read that failed for a dropped connection is tried again this many times. */
const READ_ATTEMPTS = 5;

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
 * sequence number (another process's event that arrived late or not at all) or the fan-out
 * says it may have missed messages (a resync after its Redis connection came back).
 */
export async function* roomEvents(opts: Options): AsyncGenerator<TrackedEnvelope<RoomEventPayload>> {
  const { app, socket } = opts;
  const roomId = opts.room.id;
  const guard = guardSocket(app, socket);
  const { queue, close } = await openRoomStream<StoredEvent | typeof RESYNC>(
    { ...opts, path: 'message.onEvent' },
    (message) => (message.kind === 'event' ? message.event : message.kind === 'resync' ? RESYNC : undefined),
    (queue) => guard(queue.size),
  );
  try {
    // Read after subscribing: anything newer than this arrives through the queue.
    const current = await retrying(app, () => app.store.getRoomSummary(roomId));
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'room not found' });
    let last = opts.lastEventId ?? current.lastSeq;
    if (last > current.lastSeq) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'lastEventId: is newer than the newest event of this room' });
    }
    const fromStorage = async function* (until: number) {
      while (last < until) {
        const after = last;
        const batch = await retrying(app, () => app.store.eventsAfter(roomId, after, Math.min(REPLAY_BATCH, until - after)));
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
      if (event === RESYNC) {
        for await (const missed of fromStorage(Number.MAX_SAFE_INTEGER)) yield deliver(app, missed);
        continue;
      }
      if (event.seq <= last) continue;
      if (event.seq > last + 1) {
        for await (const missed of fromStorage(event.seq)) yield deliver(app, missed);
        continue;
      }
      last = event.seq;
      yield deliver(app, event);
    }
  } catch (err) {
    if (!isConnectionFailure(err)) throw err;
    // The client's link resubscribes from its last event id once the database is back.
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; resubscribe shortly', cause: err });
  } finally {
    close();
  }
}

/** A read that failed because the database dropped the connection is retried with backoff. */
async function retrying<T>(app: App, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (attempt >= READ_ATTEMPTS || !isConnectionFailure(err)) throw err;
      app.log.warn({ attempt }, 'event stream: storage read failed on a dropped connection; retrying');
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

function deliver(app: App, event: StoredEvent): TrackedEnvelope<RoomEventPayload> {
  app.metrics.eventsDelivered.inc();
  // The payload object is shared by every subscriber of the room: the encoder caches its JSON.
  return tracked(String(event.seq), event.payload);
}
