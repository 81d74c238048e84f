import type { RoomEvent as StreamedEvent } from '@chat/api-types';
import type { Api } from './api.ts';
import { toChatError, type ChatError } from './errors.ts';

/**
 * A room's event with its id, which the subscription carries beside it. A union like the
 * streamed event, so that checking `type` tells which fields (`by`, `emoji`) it has.
 */
export type RoomEvent = StreamedEvent & {
  /** The event's id: store it and pass it back as `since` to resume after a restart. */
  id: string;
};

export interface FollowOptions {
  /** Resume after this event id (from a previous run); without it, only new events arrive. */
  since?: string | null;
  /** Called after each handled event with the new cursor, e.g. to persist it. */
  onCursor?: (cursor: string) => void | Promise<void>;
  /** Called once if following ends with an error (say FORBIDDEN, or the session ended). */
  onError?: (error: ChatError) => void;
}

export interface Follow {
  /** The id of the last event the handler finished; null before the first. */
  readonly cursor: string | null;
  stop(): void;
  /** Settles when following stops: resolves on stop(), rejects with the error that ended it. */
  readonly done: Promise<void>;
}

/**
 * Delivers a room's events to `handler` one at a time, in order. The cursor moves only after
 * the handler finishes, so a program that persists it and restarts with `since` misses nothing;
 * across reconnects tRPC's wsLink resends the last received id, so nothing repeats either.
 */
export function follow(api: Api, roomId: string, handler: (event: RoomEvent) => unknown, options: FollowOptions = {}): Follow {
  let cursor = options.since ?? null;
  let chain = Promise.resolve();
  let settle!: { resolve: () => void; reject: (err: ChatError) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => {});
  const fail = (err: unknown) => {
    const error = toChatError(err);
    subscription.unsubscribe();
    options.onError?.(error);
    settle.reject(error);
  };
  const subscription = api.message.onEvent.subscribe(
    { roomId, lastEventId: cursor },
    {
      onData: ({ id, data }) => {
        chain = chain.then(async () => {
          await handler({ id, ...data });
          cursor = id;
          await options.onCursor?.(id);
        });
        chain.catch(fail);
      },
      onError: fail,
      onComplete: () => settle.resolve(),
    },
  );
  return {
    get cursor() {
      return cursor;
    },
    stop() {
      subscription.unsubscribe();
      settle.resolve();
    },
    done,
  };
}
