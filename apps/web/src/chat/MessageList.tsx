import type { Message, Room } from '@chat/api-types';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OutboxEntry } from '../outbox/outbox.ts';
import { ArrowDownIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { useInView } from '../ui/useInView.ts';
import { DayDivider, NewMessagesDivider } from './Dividers.tsx';
import { MessageItem } from './MessageItem.tsx';
import { PendingMessageItem } from './PendingMessageItem.tsx';
import { RoomIntro } from './RoomIntro.tsx';
import { readAnchor, restoreAnchor, saveAnchor, visibleAnchor, type ScrollAnchor } from './scrollAnchor.ts';
import { dayLabel, isNewDay, startsGroup } from './timeline.ts';
import { useReadMarker } from './useReadMarker.ts';
import { useScrollTarget, type ScrollTarget } from './useScrollTarget.ts';

interface Props {
  room: Room;
  messages: Message[];
  pending: OutboxEntry[];
  onRetry(clientMsgId: string): void;
  onDiscard(clientMsgId: string): void;
  /** The first unread message when the room was opened. */
  dividerId: string | null;
  target: ScrollTarget | null;
  editingId: string | null;
  onEditingChange(messageId: string | null): void;
  loading: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** Whether the list is a window short of the newest messages (after a jump to an old one). */
  hasNewer: boolean;
  loadingNewer: boolean;
  loadNewer(): void;
  /** Reads the history around this message instead of paging to it. */
  showAround(messageId: string): void;
  /** Goes back to the newest messages and the live tail. */
  showNewest(): void;
}

const LOAD_WITHIN_PX = 400;

const stamp = (m: Message) => ({ authorId: m.author.id, createdAt: m.createdAt });

/**
 * The scroller is flex-col-reverse: the browser then keeps it pinned to the newest message
 * as messages arrive, and keeps the reader's place when older pages are added above.
 */
export function MessageList(props: Props) {
  const { room, messages, pending, loading, hasOlder, loadingOlder, loadOlder, hasNewer, loadingNewer, loadNewer } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const bottomVisible = useInView(bottom, scroller);
  // Day labels ("Today") are worked out against the time the room was opened.
  const [now] = useState(() => new Date());

  // Measured rather than observed: right after a page lands an observer still reports the
  // old layout, which would fetch a page nobody scrolled to.
  const loadOlderNearTop = useCallback(() => {
    const element = scroller.current;
    if (!element || !hasOlder || loadingOlder) return;
    // In a column-reverse scroller scrollTop is 0 at the bottom and negative upwards.
    const distanceToTop = element.scrollHeight - element.clientHeight + element.scrollTop;
    if (distanceToTop < LOAD_WITHIN_PX) loadOlder();
  }, [hasOlder, loadingOlder, loadOlder]);
  // Also when a page arrives: if the history still doesn't fill the screen, fetch the next one.
  useEffect(loadOlderNearTop, [loadOlderNearTop, messages.length]);

  // Newer pages land below the reader, and a column-reverse scroller keeps its distance to the
  // bottom: without help the view would leap to the end of the new page. The message at the top
  // of the view is put back where it was instead. Only on scrolling: a window around a search
  // hit opens at its bottom until the hit is brought into view.
  const place = useRef<ScrollAnchor | null>(null);
  const loadNewerNearBottom = () => {
    const element = scroller.current;
    if (!element || !hasNewer || loadingNewer || -element.scrollTop >= LOAD_WITHIN_PX) return;
    place.current = visibleAnchor(element);
    loadNewer();
  };
  useLayoutEffect(() => {
    if (scroller.current && place.current) restoreAnchor(scroller.current, place.current);
    if (!loadingNewer) place.current = null;
  }, [messages, loadingNewer]);

  const onScroll = () => {
    loadOlderNearTop();
    loadNewerNearBottom();
    if (scroller.current) saveAnchor(room.id, readAnchor(scroller.current));
  };

  useReadMarker(room.id, messages, scroller, room.joined);
  useScrollTarget({ roomId: room.id, target: props.target, messages, scroller, hasOlder, loadingOlder, loadOlder, showAround: props.showAround });

  const { showNewest } = props;
  const jumpToLatest = useCallback(
    (behavior: ScrollBehavior) => {
      if (hasNewer) showNewest();
      scroller.current?.scrollTo({ top: 0, behavior });
    },
    [hasNewer, showNewest],
  );

  // Sending always brings the conversation back to the newest message.
  const newestPending = pending[pending.length - 1]?.clientMsgId;
  const sentSeen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!newestPending || sentSeen.current === newestPending) return;
    sentSeen.current = newestPending;
    jumpToLatest('instant');
  }, [newestPending, jumpToLatest]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div ref={scroller} onScroll={onScroll} className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto overscroll-contain">
        <div className="pb-2">
          {hasOlder ? (
            <div className="flex justify-center py-3">
              <button type="button" className={button.ghost} disabled={loadingOlder} onClick={loadOlder}>
                {loadingOlder ? 'Loading older messages…' : 'Load older messages'}
              </button>
            </div>
          ) : (
            !loading && <RoomIntro room={room} />
          )}
          {loading && <p className={`${muted} p-6 text-center text-sm`}>Loading messages…</p>}
          <section aria-label={`Messages in ${room.name}`}>
            <ol>
              {messages.map((message, i) => {
                const prev = messages[i - 1];
                const newDay = isNewDay(prev && stamp(prev), stamp(message));
                const unreadStart = message.id === props.dividerId;
                return (
                  <Fragment key={message.id}>
                    {newDay && <DayDivider label={dayLabel(message.createdAt, now)} />}
                    {unreadStart && <NewMessagesDivider />}
                    <MessageItem
                      message={message}
                      showHeader={unreadStart || startsGroup(prev && stamp(prev), stamp(message))}
                      editing={props.editingId === message.id}
                      onEditingChange={(editing) => props.onEditingChange(editing ? message.id : null)}
                    />
                  </Fragment>
                );
              })}
              {pending.map((entry) => (
                <PendingMessageItem key={entry.clientMsgId} entry={entry} onRetry={props.onRetry} onDiscard={props.onDiscard} />
              ))}
            </ol>
          </section>
          <div ref={bottom} className="h-px" />
        </div>
      </div>
      {(!bottomVisible || hasNewer) && messages.length > 0 && (
        <button
          type="button"
          className={`${button.floating} absolute bottom-3 left-1/2 -translate-x-1/2`}
          onClick={() => jumpToLatest(hasNewer ? 'instant' : 'smooth')}
        >
          <ArrowDownIcon />
          Jump to latest
        </button>
      )}
    </div>
  );
}
