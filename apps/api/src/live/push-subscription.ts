import { tracked, type TrackedEnvelope } from '@trpc/server';
import { EventQueue } from './event-queue.ts';

/** Where a push subscription writes: one subscriber's socket, or the queue of an iterator. */
export interface EventSink<T> {
  /** One tracked event, written now. */
  push(id: string, data: T): void;
  /** Events held back while the subscriber catches up: one too far behind is cut off. */
  holding(count: number): void;
  /** The subscription ended by itself: with an error, or `stopped` when there is none. */
  end(error?: unknown): void;
}

/**
 * A subscription that writes its events to a sink itself instead of being pulled by an async
 * iterator. Our WebSocket server (trpc-socket-server.ts) hands it the subscriber's socket, so
 * a live event costs one frame write per subscriber and an idle subscriber holds no suspended
 * generator, promise chain or abort signal, only this object.
 *
 * It is also an ordinary async iterable of tracked events, which is what tRPC's types and any
 * other transport (server-sent events over HTTP, `createCaller`) expect from a subscription.
 *
 * Only a room's events are written this way (room-event-stream.ts): every member holds that
 * subscription open and every message crosses it, so its cost per subscriber and per event is
 * the server's cost. Presence, typing and a user's own events are async generators over an
 * EventQueue, as tRPC documents subscriptions: few, quiet, and simpler to read that way.
 */
export abstract class PushSubscription<T> implements AsyncIterable<TrackedEnvelope<T>> {
  /** While iterated: where the events go. */
  private iteration: EventQueue<TrackedEnvelope<T> | null> | null = null;

  /**
   * @param signal the procedure's: a transport that iterates (tRPC's own adapter, server-sent
   * events) stops by aborting it and then calling `return()`, which an async generator queues
   * behind the `next()` still waiting for an event: without the signal the stop, and the room
   * it holds, would wait for the room's next event. Only the signal holds the listener, so a
   * transport that drops the signal (ours) keeps nothing of it per subscriber.
   */
  constructor(signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.iteration?.push(null), { once: true });
  }

  /** Starts writing to `sink`; called once, and must not write before it returns. */
  abstract start(sink: EventSink<T>): void;
  /** Ends it from outside (the client stopped it or went away): nothing more is written. */
  abstract stop(): void;

  async *[Symbol.asyncIterator](): AsyncGenerator<TrackedEnvelope<T>> {
    // A queued null ends the iteration after everything queued before it.
    const queue = (this.iteration = new EventQueue<TrackedEnvelope<T> | null>());
    this.start({
      push: (id, data) => queue.push(tracked(id, data)),
      holding: () => {},
      end: (error) => (error === undefined ? queue.push(null) : queue.fail(error)),
    });
    try {
      for (let item = await queue.next(); item !== null; item = await queue.next()) yield item;
    } finally {
      this.stop();
    }
  }
}
