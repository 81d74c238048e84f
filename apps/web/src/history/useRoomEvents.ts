import type { Room, RoomEvent } from '@chat/api-types';
import { useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { useRoomEventEffects } from '../rooms/useRoomEventEffects.ts';
import { useRoomStreamEnd } from '../rooms/useRoomStreamEnd.ts';
import { trpc } from '../trpc.ts';
import { frameBatch, type FrameBatch } from './frameBatch.ts';
import type { RoomTimeline } from './roomTimeline.ts';

interface Delivered {
  event: RoomEvent;
  eventId: string;
}

/** Something else shown from the open room's events, beside its timeline: a thread's panel. */
export interface RoomEventFollower {
  apply(events: readonly Delivered[]): void;
}

/**
 * Streams the open room's events into its timeline (and `follower`, if any). `resumeFrom` is
 * the newest event the timeline already holds, so the server first replays whatever happened
 * since; after a dropped socket the ws link resumes from the last event it saw. Either way every
 * message arrives, and the timeline makes repeats harmless. Events that arrive together (a
 * replay, a burst) are applied together, once per frame: one render and one room-list update for
 * all. How the stream ends for good (removed, deleted, signed out) is useRoomStreamEnd's to handle.
 */
export function useRoomEvents(timeline: RoomTimeline, room: Room, resumeFrom: string | null, follower: RoomEventFollower | null) {
  const roomId = room.id;
  const stream = useRoomStreamEnd(room);
  const effects = useRoomEventEffects();
  const batch = useRef<FrameBatch<Delivered> | null>(null);
  useEffect(() => {
    const current = frameBatch<Delivered>((delivered) => {
      // Drawn before returning, so the batch knows what drawing costs and paces the next one.
      flushSync(() => {
        timeline.apply(delivered);
        follower?.apply(delivered);
        // While the tab is hidden the open room is not being read, so it counts as unread too.
        effects(
          delivered.map(({ event }) => event),
          document.visibilityState === 'visible' ? roomId : null,
        );
      });
    });
    batch.current = current;
    return () => {
      current.flush();
      if (batch.current === current) batch.current = null;
    };
  }, [timeline, follower, roomId, effects]);

  return trpc.message.onEvent.useSubscription(
    { roomId, lastEventId: resumeFrom },
    {
      enabled: resumeFrom !== null,
      onData: ({ id, data }) => {
        stream.seen(data);
        const delivered = { event: data, eventId: id };
        if (batch.current) batch.current.push(delivered);
        else timeline.apply([delivered]);
      },
      onError: stream.ended,
    },
  );
}
