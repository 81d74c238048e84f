import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';
import { replaceRoute } from '../route/roomRoute.ts';
import type { RoomTimeline } from './roomTimeline.ts';
import { loadAnchor, messageElement, restoreAnchor } from './scrollAnchor.ts';

export type ScrollTarget =
  | { kind: 'search'; messageId: string }
  | { kind: 'anchor'; messageId: string; offset: number }
  | { kind: 'divider'; messageId: string }
  /** Back to where the unread began, asked for from the list. */
  | { kind: 'marker'; messageId: string };

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
  timeline: RoomTimeline;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scroller: RefObject<HTMLElement | null>;
  /** Called when the target takes the reader away from the newest messages. */
  onLeaveEnd(): void;
}

/**
 * Brings a target message into view. A search hit or the read marker not loaded is read in
 * context, with the page around it (however far back it is), then focused (a search hit is
 * flashed too, so the eye finds it); a place to return to is reached by loading older pages until
 * it is there. The row is scrolled to first and finished on the next frame, once it is drawn and
 * measured.
 */
export function useScrollTarget({ roomId, target, timeline, virtualizer, scroller, onLeaveEnd }: Options): void {
  const done = useRef<ScrollTarget | null>(null);
  const fetched = useRef<ScrollTarget | null>(null);
  const { revision } = timeline;

  useEffect(() => {
    if (!target || done.current === target || timeline.status !== 'ready') return;
    const index = timeline.indexOf(target.messageId);
    if (index === -1) {
      if (target.kind === 'search' || target.kind === 'marker') {
        if (fetched.current !== target) timeline.showAround(target.messageId);
        fetched.current = target;
      } else if (timeline.olderCursor !== null) timeline.loadOlder();
      // Not in this room's history at all (deleted, or a stale link): give up quietly.
      else done.current = target;
      return;
    }
    done.current = target;
    // The divider is left alone where the reader can see it (the room opened at its newest); it is
    // brought in when above the view, or when the room opened at its read marker instead.
    if (target.kind === 'divider') {
      const [offset] = virtualizer.getOffsetForIndex(index, 'start') ?? [0];
      if (timeline.reachesNewest && offset >= (virtualizer.scrollOffset ?? 0)) return;
    }
    onLeaveEnd();
    virtualizer.scrollToIndex(index, { align: target.kind === 'search' ? 'center' : 'start' });
    // Not cancelled by the next render: the target counts as done already.
    requestAnimationFrame(() => {
      const root = scroller.current;
      const element = root && messageElement(root, target.messageId);
      if (!root || !element) return;
      if (target.kind === 'anchor') return void restoreAnchor(root, target);
      if (target.kind === 'divider' || target.kind === 'marker') {
        showUnreadStart(root, element);
        // Asked for from the list: the keyboard goes there too. Opening a room leaves it in the composer.
        if (target.kind === 'marker') element.focus({ preventScroll: true });
        return;
      }
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      element.classList.add('message-flash');
      element.addEventListener('animationend', () => element.classList.remove('message-flash'), { once: true });
      replaceRoute(roomId);
    });
  }, [target, timeline, revision, virtualizer, scroller, roomId, onLeaveEnd]);
}

/** Read messages left in view above the "New messages" divider, so the reader sees where they were. */
const READ_CONTEXT_PX = 48;

/** The divider (drawn just before the first unread message) at the top, a little of what was read above it. */
function showUnreadStart(root: HTMLElement, message: HTMLElement): void {
  const divider = message.previousElementSibling ?? message;
  divider.scrollIntoView({ block: 'start' });
  root.scrollTop -= READ_CONTEXT_PX;
}
