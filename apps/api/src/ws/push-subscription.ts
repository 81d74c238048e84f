import { tracked, type TrackedEnvelope } from '@trpc/server';
import { EventQueue } from '../messages/event-queue.ts';

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
 */
export abstract class PushSubscription<T> implements AsyncIterable<TrackedEnvelope<T>> {
  /** Starts writing to `sink`; called once, and must not write before it returns. */
  abstract start(sink: EventSink<T>): void;
  /** Ends it from outside (the client stopped it or went away): nothing more is written. */
  abstract stop(): void;

  async *[Symbol.asyncIterator](): AsyncGenerator<TrackedEnvelope<T>> {
    // A queued null ends the iteration after everything queued before it.
    const queue = new EventQueue<TrackedEnvelope<T> | null>();
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
