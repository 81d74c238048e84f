import type { Message } from '@chat/api-types';
import { useEffect, useRef, type RefObject } from 'react';
import { replaceRoute } from '../rooms/route.ts';
import { loadAnchor, messageElement, restoreAnchor } from './scrollAnchor.ts';

export type ScrollTarget =
  | { kind: 'search'; messageId: string }
  | { kind: 'anchor'; messageId: string; offset: number }
  | { kind: 'divider'; messageId: string };

/** What the room should show first: a search hit, else where the reader left off, else the first unread. */
export function initialTarget(roomId: string, focused: string | null, divider: string | null): ScrollTarget | null {
  if (focused) return { kind: 'search', messageId: focused };
  const anchor = loadAnchor(roomId);
  if (anchor) return { kind: 'anchor', ...anchor };
  return divider ? { kind: 'divider', messageId: divider } : null;
}

interface Options {
  roomId: string;
  target: ScrollTarget | null;
  messages: readonly Message[];
  scroller: RefObject<HTMLElement | null>;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  showAround(messageId: string): void;
}

/**
 * Brings a target message into view. A search hit not in the cache is read in context, with
 * the page around it (however far back it is), then focused and flashed so the eye finds it;
 * a place to return to is reached by loading older pages until it is there.
 */
export function useScrollTarget({ roomId, target, messages, scroller, hasOlder, loadingOlder, loadOlder, showAround }: Options): void {
  const done = useRef<ScrollTarget | null>(null);
  const fetched = useRef<ScrollTarget | null>(null);
  const present = target !== null && messages.some((m) => m.id === target.messageId);

  useEffect(() => {
    if (!target || done.current === target) return;
    const root = scroller.current;
    if (!present && target.kind === 'search') {
      if (fetched.current !== target) showAround(target.messageId);
      fetched.current = target;
      return;
    }
    if (!present) {
      if (hasOlder && !loadingOlder) loadOlder();
      // Not in this room's history at all (deleted, or a stale link): give up quietly.
      if (!hasOlder) done.current = target;
      return;
    }
    const element = root && messageElement(root, target.messageId);
    if (!root || !element) return;
    done.current = target;
    if (target.kind === 'anchor') {
      restoreAnchor(root, target);
    } else if (target.kind === 'divider') {
      if (element.getBoundingClientRect().top < root.getBoundingClientRect().top) element.scrollIntoView({ block: 'start' });
    } else {
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      element.classList.add('message-flash');
      element.addEventListener('animationend', () => element.classList.remove('message-flash'), { once: true });
      replaceRoute(roomId);
    }
  }, [present, target, scroller, hasOlder, loadingOlder, loadOlder, showAround, roomId]);
}
