import { TRPCError } from '@trpc/server';
import type { App } from '../app.ts';
import { roomChannel, type BusMessage } from '../fanout/fanout.ts';
import { EventQueue } from '../messages/event-queue.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';

export interface RoomStream<T> {
  queue: EventQueue<T>;
  close(): void;
}

interface Options {
  app: App;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
  /** The procedure path, for the active-subscriptions gauge. */
  path: string;
}

/**
 * One subscriber's view of a room's channel: what `select` picks from it is queued, and the
 * stream fails as soon as the subscriber may no longer read it — their session is revoked,
 * or they left a private or direct room — so access rules hold for running streams too.
 */
export async function openRoomStream<T>(
  opts: Options,
  select: (message: BusMessage) => T | undefined,
  afterPush: (queue: EventQueue<T>) => void = () => {},
): Promise<RoomStream<T>> {
  const { app, room, session } = opts;
  const queue = new EventQueue<T>(opts.signal);
  const leave = () => queue.fail(new TRPCError({ code: 'FORBIDDEN', message: 'you left this room' }));
  const unsubscribe = await app.fanout.subscribe(roomChannel(room.id), (message) => {
    if (message.kind === 'member-left' && message.userId === session.user.id && room.kind !== 'public') {
      leave();
      return;
    }
    // A "member-left" may have been missed while the fan-out was away: ask the database.
    if (message.kind === 'resync' && room.kind !== 'public') {
      app.store.isMember(room.id, session.user.id).then(
        (member) => member || leave(),
        (err: unknown) => app.log.warn({ err }, 'could not re-check membership after a fan-out resync'),
      );
    }
    const item = select(message);
    if (item === undefined) return;
    queue.push(item);
    afterPush(queue);
  });
  const detach = app.liveSessions.attach(session.sessionId, () =>
    queue.fail(new TRPCError({ code: 'UNAUTHORIZED', message: 'the session has ended' })),
  );
  app.metrics.activeSubscriptions.inc({ path: opts.path });
  return {
    queue,
    close() {
      unsubscribe();
      detach();
      app.metrics.activeSubscriptions.dec({ path: opts.path });
    },
  };
}
