import type { WebSocket } from 'ws';
import { tracked, TRPCError, type TrackedEnvelope } from '@trpc/server';
import type { App } from '../app.ts';
import { openRoomStream } from '../rooms/room-stream.ts';
import { replayReads } from './replay-reads.ts';
import { isConnectionFailure } from '../storage/errors.ts';
import type { RoomEventPayload, RoomSummary, SessionInfo, StoredEvent } from '../storage/store.ts';
import { guardSocket } from '../ws/back-pressure.ts';
import { sendBatched } from '../ws/batched-send.ts';
import { frameTail, SubscriptionWire } from '../ws/direct-frames.ts';

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
 *
 * tRPC writes the first event it is given; from then on the subscription's frame head is known
 * (ws/direct-frames.ts) and every later event is written straight to the socket instead of
 * going through tRPC's per-subscriber iterator loop: by this generator when it catches up from
 * storage, and, while it waits with nothing pending, by the fan-out listener itself. Errors,
 * `stopped` and aborts still go through tRPC, after every event written before them.
 */
export async function* roomEvents(opts: Options): AsyncGenerator<TrackedEnvelope<RoomEventPayload>> {
  const { app, socket } = opts;
  const roomId = opts.room.id;
  const guard = guardSocket(app, socket);
  const wire = socket ? new SubscriptionWire() : null;
  /** The last event sent (or, before the first, the position to replay from). */
  let last = 0;
  /** Set once tRPC has written one of our events: writes the rest straight to the socket. */
  let writeDirect: ((event: StoredEvent) => void) | null = null;
  const directWriter = (socket: WebSocket, head: string) => (event: StoredEvent) => {
    last = event.seq;
    app.metrics.eventsDelivered.inc();
    if (socket.readyState === socket.OPEN) sendBatched(socket, head + frameTail(String(event.seq), event.payload));
    guard(queue.size);
  };
  const { queue, close } = await openRoomStream<StoredEvent | typeof RESYNC>(
    { ...opts, path: 'message.onEvent' },
    (message) => {
      if (message.kind === 'resync') return RESYNC;
      if (message.kind !== 'event') return undefined;
      // `writeDirect` first: the queue exists by then. Waiting means nothing is queued before this event.
      if (writeDirect && queue.waiting && message.event.seq === last + 1) {
        writeDirect(message.event);
        return undefined;
      }
      return message.event;
    },
    (queue) => guard(queue.size),
  );
  // Storage reads shared with other subscribers; those made from here on are after we listen.
  const replay = replayReads(app.store);
  const listeningSince = replay.mark();
  try {
    // Read after subscribing: anything newer than this arrives through the queue.
    const current = await retrying(app, () => app.store.getRoomSummary(roomId));
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'room not found' });
    last = opts.lastEventId ?? current.lastSeq;
    if (last > current.lastSeq) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'lastEventId: is newer than the newest event of this room' });
    }
    /** Storage is read up to this seq before the queue is looked at again. */
    let until = Number.MAX_SAFE_INTEGER;
    for (;;) {
      let batch: StoredEvent[] = [];
      if (last < until) {
        const after = last;
        batch = await retrying(app, () => replay.read(roomId, after, Math.min(REPLAY_BATCH, until - after), listeningSince));
        if (batch.length === 0) until = 0;
      } else {
        const item = await queue.next();
        if (item === null) return;
        if (item === RESYNC) until = Number.MAX_SAFE_INTEGER;
        else if (item.seq > last + 1) until = item.seq;
        else batch = [item];
      }
      for (const event of batch) {
        if (event.seq <= last) continue;
        if (writeDirect) {
          writeDirect(event);
          continue;
        }
        last = event.seq;
        app.metrics.eventsDelivered.inc();
        yield tracked(String(event.seq), wire ? wire.probe(event.payload) : event.payload);
        // tRPC asks for the next event only after writing this one, so later frames follow it.
        if (socket && wire?.head) writeDirect = directWriter(socket, wire.head);
      }
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
