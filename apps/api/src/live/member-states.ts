import type { LiveServices } from './live-services.ts';
import type { BusMessage } from '../fanout/fanout.ts';
import { EventQueue } from './event-queue.ts';
import type { RoomSummary, SessionInfo } from '../storage/store.ts';
import { RoomWatch } from './room-watch.ts';

/** A step of a member-state stream: the event it makes, or null for none. */
type Step<E> = () => Promise<E | null>;

/**
 * Something each member of a room has, as it changes (who is online, how far each has read): a
 * snapshot first and again after a resync (the server may have missed changes), then the changes
 * `channel` announces. Each is weighed one at a time, in the order announced, so a later state is
 * never overtaken by an earlier one. The stream ends as soon as the subscriber may no longer read
 * the room: the room's own channel carries nothing for it, but watching it ends it then.
 */
export async function* memberStates<E>(opts: {
  app: LiveServices;
  room: RoomSummary;
  session: SessionInfo;
  signal: AbortSignal | undefined;
  /** The procedure, for the active-subscriptions gauge. */
  path: string;
  channel: string;
  snapshot: Step<E>;
  /** What an announcement on the channel makes, if anything. */
  change: (message: BusMessage) => Step<E> | null;
}): AsyncGenerator<E> {
  const queue = new EventQueue<E>(opts.signal);
  let steps = Promise.resolve();
  const step = (work: Step<E>) => {
    steps = steps
      .then(async () => {
        const event = await work();
        if (event) queue.push(event);
      })
      .catch((err: unknown) => queue.fail(err));
  };
  const watch = new RoomWatch(opts.app, opts.room, opts.session, opts.path, {
    onRoomMessage: () => {},
    onAccessLost: (error) => queue.fail(error),
  });
  await watch.start();
  // Listening before the first snapshot: a change from then on is weighed against it.
  const unsubscribe = await opts.app.fanout.subscribe(opts.channel, (message) => {
    const work = message.kind === 'resync' ? opts.snapshot : opts.change(message);
    if (work) step(work);
  });
  step(opts.snapshot);
  try {
    yield* queue;
  } finally {
    unsubscribe();
    watch.stop();
  }
}
