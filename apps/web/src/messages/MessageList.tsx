import type { Message, Room } from '@chat/api-types';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { RoomTimeline } from '../history/roomTimeline.ts';
import { saveAnchor, visibleAnchor } from '../history/scrollAnchor.ts';
import { useReadMarker } from '../history/useReadMarker.ts';
import { useScrollTarget, type ScrollTarget } from '../history/useScrollTarget.ts';
import { dayLabel, timeLabel } from '../lib/timeLabels.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import { SeenBy } from '../seen/SeenBy.tsx';
import { useSeenBy } from '../seen/useSeenBy.ts';
import { ArrowDownIcon, ArrowUpIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { DayDivider, NewMessagesDivider } from './Dividers.tsx';
import { isNewDay, showsHeader, stamp } from './messageGroups.ts';
import { MessageItem } from './MessageItem.tsx';
import { NoticeLine } from './NoticeLine.tsx';
import { PendingMessageItem } from './PendingMessageItem.tsx';
import { RoomIntro } from './RoomIntro.tsx';

interface Props {
  room: Room;
  timeline: RoomTimeline;
  pending: OutboxEntry[];
  onRetry(clientMsgId: string): void;
  onDiscard(clientMsgId: string): void;
  /** The first unread message when the room was opened. */
  divider: Message | null;
  target: ScrollTarget | null;
  editingId: string | null;
  onEditingChange(messageId: string | null): void;
}

/** This close to either end of what is loaded, the next page there is read. */
const LOAD_WITHIN_PX = 400;
/** Above this many loaded messages, those far from the view are dropped (and read again if scrolled back to). */
const MAX_LOADED = 400;
/** How many messages are kept on each side of the view when dropping. */
const KEEP_AROUND_VIEW = 150;
/** Roughly one message of one line: only a first guess, every row is measured once drawn. */
const ESTIMATED_ROW_PX = 56;

/**
 * Only the rows in view (and a margin) are in the DOM, each measured as drawn: the loaded
 * messages, then my pending ones, below the top of the room (the older-pages control, or its
 * introduction). The virtualizer is anchored to the end: it keeps the reader's place when
 * older pages land above, and follows new messages only while the reader is at the bottom.
 */
export function MessageList(props: Props) {
  const { room, timeline, pending } = props;
  const messages = timeline.messages;
  const count = messages.length + pending.length;
  const scroller = useRef<HTMLDivElement>(null);
  // Day labels ("Today") are worked out against the time the room was opened.
  const [now] = useState(() => new Date());

  const { revision } = timeline;
  const getItemKey = useCallback(
    (index: number) => messages[index]?.id ?? `pending:${pending[index - messages.length]?.clientMsgId ?? index}`,
    // A new key function whenever the timeline changes, since its array changes in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [messages, pending, revision],
  );
  // The top of the room sits in the list's leading padding rather than in a row of its own, so
  // that a page landing above, with the reader at the very top, keeps the first message in place.
  const top = useRef<HTMLDivElement>(null);
  const topHeight = useHeight(top);
  // The React Compiler leaves this component alone: the virtualizer is mutable by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    paddingStart: topHeight,
    paddingEnd: 8,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey,
    anchorTo: 'end',
    followOnAppend: timeline.followsAppends,
    scrollEndThreshold: 40,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items.at(-1)?.index ?? 0;
  const atEnd = virtualizer.isAtEnd();

  useLayoutEffect(() => {
    virtualizer.scrollToEnd();
  }, [virtualizer]);

  // Whether the reader follows the newest messages: until they scroll away from the bottom
  // themselves. Scroll events alone cannot tell: while a big batch is being appended and followed,
  // the position passes through places short of the end that no reader chose.
  const following = useRef(true);
  const userScrolled = useRef(false);
  const onUserScroll = () => {
    userScrolled.current = true;
  };
  const onScroll = () => {
    if (userScrolled.current) marker.onUserScroll();
    if (virtualizer.isAtEnd()) following.current = true;
    else if (userScrolled.current) following.current = false;
    userScrolled.current = false;
    if (scroller.current) saveAnchor(room.id, virtualizer.isAtEnd() ? null : visibleAnchor(scroller.current));
  };

  // The virtualizer follows an append only from the very end; rows measured taller than their
  // guess, or a follow still under way when the next batch lands, leave it short of the end and
  // it would stop there. The reader's choice decides instead. A newer page read below a window
  // (after a search jump) is not followed: the reader stays, and no longer follows.
  const newestKey = count > 0 ? getItemKey(count - 1) : null;
  useLayoutEffect(() => {
    if (!timeline.followsAppends) following.current = false;
    else if (following.current && timeline.reachesNewest && !virtualizer.isAtEnd()) virtualizer.scrollToEnd();
  }, [newestKey, timeline, virtualizer]);
  const stopFollowing = useCallback(() => {
    following.current = false;
  }, []);

  const marker = useMarkerJump(props.divider, props.target, messages, items, virtualizer.scrollOffset ?? 0, scroller.current?.clientHeight ?? 0);
  useReadMarker(room.id, timeline, scroller, room.joined, `${firstRow}:${lastRow}:${revision}`);
  const seenOf = useSeenBy(room);
  // "Seen by" goes under the room's last message (notices of joins and renames are not read for
  // news), while no message of mine waits below it.
  const lastSpoken = seenOf && timeline.reachesNewest && pending.length === 0 ? messages.findLast((m) => !m.notice) : undefined;
  useScrollTarget({ roomId: room.id, target: marker.target, timeline, virtualizer, scroller, onLeaveEnd: stopFollowing });

  // Back from a window (after a search jump) the newest page is read first, then shown.
  const wantsEnd = useRef(false);
  useEffect(() => {
    if (!wantsEnd.current || timeline.status !== 'ready') return;
    wantsEnd.current = false;
    virtualizer.scrollToEnd();
  }, [timeline, revision, virtualizer]);
  const jumpToLatest = useCallback(() => {
    if (!timeline.reachesNewest) {
      wantsEnd.current = true;
      return timeline.showNewest();
    }
    // Glides over a screen or two; further than that it jumps. A long glide is no use to the
    // reader, and the virtualizer measures only rows near its target while one is under way:
    // rows passed on the way would keep their guessed heights (gaps or overlaps) until redrawn.
    const near = virtualizer.getDistanceFromEnd() <= 2 * (scroller.current?.clientHeight ?? 0);
    virtualizer.scrollToEnd({ behavior: near ? 'smooth' : 'instant' });
  }, [timeline, virtualizer]);

  // Sending always brings the conversation back to the newest message.
  const newestPending = pending[pending.length - 1]?.clientMsgId;
  const sentSeen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!newestPending || sentSeen.current === newestPending) return;
    sentSeen.current = newestPending;
    jumpToLatest();
  }, [newestPending, jumpToLatest]);

  // Read further pages near either end, and let go of messages far from the view. Declared after
  // the effects that place the view (a target, the end), and measured from the element itself,
  // so a span just replaced is judged where the reader is put, not where it was left.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (element.scrollTop < LOAD_WITHIN_PX) timeline.loadOlder();
    // The virtualizer's size, not the element's: rows drawn in this commit are measured, but the
    // element's height still holds their estimates.
    if (virtualizer.getTotalSize() - element.scrollTop - element.clientHeight < LOAD_WITHIN_PX) timeline.loadNewer();
    const loaded = timeline.messages.length;
    if (loaded <= MAX_LOADED) return;
    // A reader following the newest keeps the newest; otherwise what is around the view now
    // (the rows drawn may still be those from before a follow or a jump).
    if (timeline.reachesNewest && following.current) return timeline.keep(loaded - 2 * KEEP_AROUND_VIEW, loaded);
    const first = virtualizer.getVirtualItemForOffset(element.scrollTop)?.index ?? 0;
    const last = virtualizer.getVirtualItemForOffset(element.scrollTop + element.clientHeight)?.index ?? loaded - 1;
    timeline.keep(first - KEEP_AROUND_VIEW, last + KEEP_AROUND_VIEW);
  }, [timeline, virtualizer, firstRow, lastRow, revision]);

  const row = (index: number) => {
    const message = messages[index];
    if (!message) {
      const entry = pending[index - messages.length];
      return entry && <PendingMessageItem entry={entry} onRetry={props.onRetry} onDiscard={props.onDiscard} />;
    }
    const prev = messages[index - 1];
    const unreadStart = message.id === props.divider?.id;
    const answered = message.replyTo ? timeline.get(message.replyTo.id) : undefined;
    // In the message's row, so that the list keeps to the end as the line comes and goes.
    const seen = seenOf && message === lastSpoken ? seenOf(message) : null;
    return (
      <>
        {isNewDay(prev && stamp(prev), stamp(message)) && <DayDivider label={dayLabel(message.createdAt, now)} />}
        {unreadStart && <NewMessagesDivider />}
        {message.notice ? (
          <NoticeLine message={message} />
        ) : (
          <MessageItem
            message={message}
            showHeader={unreadStart || showsHeader(prev, message, null)}
            editing={props.editingId === message.id}
            onEditingChange={props.onEditingChange}
            answered={answered}
          />
        )}
        {seen && <SeenBy seen={seen} />}
      </>
    );
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={onScroll}
        onWheel={onUserScroll}
        onTouchMove={onUserScroll}
        onKeyDown={onUserScroll}
        onPointerDown={onUserScroll}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain [overflow-anchor:none]">
        <section aria-label={`Messages in ${room.name}`} className="relative">
          <div ref={top} className="absolute top-0 left-0 w-full">
            <Top room={room} timeline={timeline} />
          </div>
          <div role="list" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="absolute top-0 left-0 flow-root w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row(item.index)}
              </div>
            ))}
          </div>
        </section>
      </div>
      {marker.offered && props.divider && (
        <button type="button" className={`${button.floating} absolute top-3 left-1/2 -translate-x-1/2`} onClick={marker.jump}>
          <ArrowUpIcon />
          New messages since {timeLabel(props.divider.createdAt)}
        </button>
      )}
      {(!atEnd || !timeline.reachesNewest) && messages.length > 0 && (
        <button
          type="button"
          className={`${button.floating} absolute bottom-3 left-1/2 -translate-x-1/2`}
          onClick={jumpToLatest}
        >
          <ArrowDownIcon />
          Jump to latest
        </button>
      )}
    </div>
  );
}

/** The top of the loaded span: a way to older pages while there are some, else the room's beginning. */
function Top({ room, timeline }: { room: Room; timeline: RoomTimeline }) {
  if (timeline.status === 'loading' || timeline.status === 'empty') return <p className={`${muted} p-6 text-center text-sm`}>Loading messages…</p>;
  if (timeline.olderCursor === null) return <RoomIntro room={room} />;
  return (
    <div className="flex justify-center py-3">
      <button type="button" className={button.ghost} disabled={timeline.loadingOlder} onClick={() => timeline.loadOlder()}>
        {timeline.loadingOlder ? 'Loading older messages…' : 'Load older messages'}
      </button>
    </div>
  );
}

/**
 * Offers a way back to where the unread began while it is above the view: after "Jump to latest",
 * a long catch-up followed past it, or a room reopened at a saved place further down. A reader who
 * scrolled on past it themselves has read it, and is not offered it again.
 */
function useMarkerJump(
  divider: Message | null,
  outerTarget: ScrollTarget | null,
  messages: Message[],
  items: VirtualItem[],
  scrollOffset: number,
  viewHeight: number,
) {
  // The latest of the two targets wins: a search hit after a jump back here, or the other way round.
  const [target, setTarget] = useState<ScrollTarget | null>(outerTarget);
  const [lastOuter, setLastOuter] = useState(outerTarget);
  if (outerTarget !== lastOuter) {
    setLastOuter(outerTarget);
    setTarget(outerTarget);
  }
  const [readPast, setReadPast] = useState(false);
  const inView = items.filter((item) => item.end > scrollOffset && item.start < scrollOffset + viewHeight);
  const first = messages[inView[0]?.index ?? -1];
  const dividerInView = divider !== null && inView.some((item) => messages[item.index]?.id === divider.id);
  const wasInView = useRef(false);
  useEffect(() => {
    wasInView.current = dividerInView;
  }, [dividerInView]);
  const jump = useCallback(() => {
    if (divider) setTarget({ kind: 'marker', messageId: divider.id });
  }, [divider]);
  const onUserScroll = useCallback(() => {
    if (wasInView.current) setReadPast(true);
  }, []);
  const offered = !readPast && divider !== null && first !== undefined && divider.seq < first.seq;
  return { target, jump, onUserScroll, offered };
}

/** An element's height, kept current as it changes. */
function useHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
