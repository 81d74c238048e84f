import type { RoomEvent } from '@chat/api-types';
import { TRPCError } from '@trpc/server';
import type { LiveServices } from './live-services.ts';
import type { BusMessage } from '../fanout/fanout.ts';
import { RoomWatch, type RoomViewer } from './room-watch.ts';
import { isConnectionFailure } from '../storage/errors.ts';
import type { RoomSummary, SessionInfo, StoredEvent } from '../storage/store.ts';
import { PushSubscription, type EventSink } from './push-subscription.ts';
import { replayReads } from './replay-reads.ts';
import { eventForProtocol } from './event-versions.ts';

const REPLAY_BATCH = 500;
/** Re-reads after the fan-out reconnected: everything since the last event sent may be missing. */
const RESYNC = Symbol('resync');
/** A storage read that failed for a dropped connection is tried again this many times. */
const READ_ATTEMPTS = 5;

type Live = StoredEvent | typeof RESYNC;

interface Options {
  app: LiveServices;
  room: RoomSummary;
  lastEventId: number | null;
  session: SessionInfo;
  /** The contract version the subscriber speaks: which event types it is sent (event-versions.ts). */
  protocol: number;
}

/**
 * A room's events for one subscriber, with nothing lost and nothing repeated: it listens
 * first, then replays from storage everything after `lastEventId`, then streams live events,
 * dropping those already sent and re-reading from storage whenever the live stream skips a
 * sequence number (another process's event that arrived late or not at all) or the fan-out
 * says it may have missed messages (a resync after its Redis connection came back).
 *
 * Live events that follow on from the last one sent are written from the fan-out listener
 * straight to the sink; while storage is being read, they are held and looked at afterwards.
 */
export class RoomEventStream extends PushSubscription<RoomEvent> implements RoomViewer {
  private sink: EventSink<RoomEvent> | null = null;
  /** The last event sent (or, before the first, the position to replay from). */
  private last = 0;
  /** Storage is read up to this seq before live events are looked at again. */
  private until = Number.MAX_SAFE_INTEGER;
  /** Live events that arrived while storage was being read; null when not reading. */
  private held: Live[] | null = [];
  private readonly watch: RoomWatch;
  private ended = false;
  /** Shared storage reads; an empty one counts only if made since `since` (replay-reads.ts). */
  private readonly replay;
  private since = 0;

  /** `signal`: the procedure's, for transports that iterate the stream (push-subscription.ts); not kept. */
  constructor(
    private readonly opts: Options,
    signal?: AbortSignal,
  ) {
    super(signal);
    this.replay = replayReads(opts.app);
    this.watch = new RoomWatch(opts.app, opts.room, opts.session, 'message.onEvent', this);
  }

  start(sink: EventSink<RoomEvent>): void {
    this.sink = sink;
    this.open().catch((err: unknown) => this.finish(err));
  }

  stop(): void {
    this.ended = true;
    this.watch.stop();
  }

  private async open(): Promise<void> {
    const { app, room } = this.opts;
    await this.watch.start();
    if (this.ended) return this.watch.stop();
    // Reads made from here on are after we listen.
    this.since = this.replay.mark();
    // Read after subscribing: anything newer than this arrives live.
    const current = await retrying(app, () => app.store.getRoomSummary(room.id));
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'room not found' });
    this.last = this.opts.lastEventId ?? current.lastSeq;
    if (this.last > current.lastSeq) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'lastEventId: is newer than the newest event of this room' });
    }
    // From now on, with nothing to replay, storage is not read: every event after the one just
    // read is stored after we listened, so it arrives live (a gap in what arrives is read, as always).
    if (this.opts.lastEventId === null) this.until = this.last;
    await this.catchUp();
  }

  onRoomMessage(message: BusMessage): void {
    const item = message.kind === 'resync' ? RESYNC : message.kind === 'event' ? message.event : null;
    if (item === null || this.ended) return;
    if (!this.held) return void this.take(item);
    this.held.push(item);
    this.sink?.holding(this.held.length);
  }

  /** A live event while not reading storage; true if it made storage be read. */
  private take(item: Live): boolean {
    if (item !== RESYNC && item.seq <= this.last) return false;
    if (item !== RESYNC && item.seq === this.last + 1) {
      this.send(item);
      return false;
    }
    // A resync, or a gap before this event: what is missing is stored by now, so only a
    // storage read made from now on may say that there is nothing more.
    this.until = item === RESYNC ? Number.MAX_SAFE_INTEGER : item.seq;
    this.since = this.replay.mark();
    this.catchUp().catch((err: unknown) => this.finish(err));
    return true;
  }

  /** Reads storage after the last event sent up to `until`, then the live events held meanwhile. */
  private async catchUp(): Promise<void> {
    const { app, room } = this.opts;
    this.held ??= [];
    while (this.last < this.until) {
      const after = this.last;
      const limit = Math.min(REPLAY_BATCH, this.until - after);
      const batch = await retrying(app, () => this.replay.read(room.id, after, limit, this.since));
      if (this.ended) return;
      if (batch.length === 0) this.until = 0;
      for (const event of batch) if (event.seq > this.last) this.send(event);
    }
    const held = this.held;
    this.held = null;
    this.drain(held);
  }

  private drain(held: Live[]): void {
    for (const [i, item] of held.entries()) {
      // That event started another catch-up: the rest waits for it, still in order.
      if (this.take(item)) return void this.held?.push(...held.slice(i + 1));
    }
  }

  private send(event: StoredEvent): void {
    this.last = event.seq;
    this.opts.app.metrics.eventsDelivered.inc();
    this.sink?.push(String(event.seq), eventForProtocol(event.payload, this.opts.protocol));
  }

  onAccessLost(error: TRPCError): void {
    this.finish(error);
  }

  private finish(err: unknown): void {
    if (this.ended) return;
    this.stop();
    // The client's link resubscribes from its last event id once the database is back.
    const error = isConnectionFailure(err)
      ? new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; resubscribe shortly', cause: err })
      : err;
    this.sink?.end(error);
  }
}

/** A read that failed because the database dropped the connection is retried with backoff. */
async function retrying<T>(app: LiveServices, read: () => Promise<T>): Promise<T> {
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
