import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RoomTimeline } from './roomTimeline.ts';
import type { Timelines } from './timelines.ts';

export const TimelinesContext = createContext<Timelines | null>(null);

export function useTimelines(): Timelines {
  const timelines = useContext(TimelinesContext);
  if (!timelines) throw new Error('useTimelines outside <TimelinesProvider>');
  return timelines;
}

/** The room's timeline, re-rendering the caller whenever it changes; opening it reads its newest page if need be. */
export function useTimeline(roomId: string): RoomTimeline {
  const timeline = useTimelines().get(roomId);
  useSyncExternalStore(timeline.subscribe, timeline.getRevision);
  return timeline;
}
