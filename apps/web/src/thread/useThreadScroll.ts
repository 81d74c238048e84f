import type { Message } from '@chat/api-types';
import { useEffect, useLayoutEffect, useRef } from 'react';

/** This close to the bottom, the panel follows new replies. */
const FOLLOW_WITHIN_PX = 48;

/**
 * Opens a thread's replies at the first unread one (`divider`; undefined until the replies
 * arrive), else at the newest; then follows new replies while the reader is at the bottom, and
 * always after they send one. Returns the ref for the scrolling element.
 */
export function useThreadScroll(divider: Message | null | undefined, newestId: string | null, pendingCount: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_WITHIN_PX;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);

  // What was drawn last time: null until the replies first arrive.
  const drawn = useRef<{ newestId: string | null; pendingCount: number } | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || divider === undefined) return;
    const last = drawn.current;
    drawn.current = { newestId, pendingCount };
    if (last === null) {
      const unread = divider && element.querySelector(`[data-message-id="${divider.id}"]`);
      // The divider, drawn just before the first unread reply, at the top.
      if (unread) unread.previousElementSibling?.scrollIntoView({ block: 'start' });
      else element.scrollTop = element.scrollHeight;
      return;
    }
    const sending = pendingCount > last.pendingCount;
    if (sending || (newestId !== last.newestId && atBottom.current)) element.scrollTop = element.scrollHeight;
  }, [divider, newestId, pendingCount]);
  return scroller;
}
