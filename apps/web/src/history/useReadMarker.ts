import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useMe } from '../auth/meContext.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { unreadAfter } from './newMessages.ts';
import type { RoomTimeline } from './roomTimeline.ts';

/** Reading is not instant: marks are batched so scrolling through a backlog is one request, not fifty. */
const MARK_EVERY_MS = 600;

/**
 * Moves the read marker to the newest message that has actually been on screen (half of it
 * visible, in a foreground tab), not merely loaded: scrolled-up readers keep their unread.
 * The rows drawn are observed again whenever `drawn` (which rows, which revision) changes.
 */
export function useReadMarker(roomId: string, timeline: RoomTimeline, scroller: RefObject<HTMLElement | null>, isMember: boolean, drawn: string) {
  const me = useMe();
  const { mutate } = trpc.message.markRead.useMutation();
  const updateRooms = useUpdateRooms();
  const seen = useRef({ visible: new Map<Element, number>(), marked: 0, timer: 0 as ReturnType<typeof setTimeout> | 0 });
  // The cached room list follows at once, so the room reopens with its divider at the new marker.
  const flush = useCallback(() => {
    const state = seen.current;
    clearTimeout(state.timer);
    state.timer = 0;
    const newest = timeline.newestUpTo(state.marked);
    if (!newest) return;
    mutate({ roomId, messageId: newest.id });
    updateRooms((rooms) =>
      rooms.map((r) =>
        r.id === roomId
          ? { ...r, unreadCount: unreadAfter(timeline.messages, newest.seq, me.id), lastReadSeq: Math.max(r.lastReadSeq, newest.seq) }
          : r,
      ),
    );
  }, [roomId, timeline, mutate, updateRooms, me.id]);

  useEffect(() => {
    const root = scroller.current;
    if (!root || !isMember) return;
    const state = seen.current;
    const advance = () => {
      if (document.visibilityState !== 'visible' || state.visible.size === 0) return;
      const newest = Math.max(...state.visible.values());
      if (newest <= state.marked) return;
      state.marked = newest;
      if (!state.timer) state.timer = setTimeout(flush, MARK_EVERY_MS);
    };

    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) state.visible.set(entry.target, Number((entry.target as HTMLElement).dataset.seq));
          else state.visible.delete(entry.target);
        }
        advance();
      },
      { root, threshold: 0.5 },
    );
    state.visible.clear();
    for (const element of root.querySelectorAll('[data-seq]')) observer.observe(element);
    document.addEventListener('visibilitychange', advance);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', advance);
    };
  }, [drawn, scroller, isMember, flush]);

  // A mark still waiting when the room closes is sent, not lost.
  useEffect(() => {
    const state = seen.current;
    return () => {
      if (state.timer) flush();
    };
  }, [flush]);
}
