import type { Message, Room } from '@chat/api-types';
import { Fragment, useCallback, useEffect, useRef } from 'react';
import { useMe } from '../auth/meContext.ts';
import { button, muted } from '../ui/styles.ts';
import { useInView } from '../ui/useInView.ts';
import { MessageItem } from './MessageItem.tsx';
import type { PendingMessage } from './pending.ts';
import { PendingMessageItem } from './PendingMessageItem.tsx';
import { dayLabel, isNewDay, startsGroup } from './timeline.ts';
import { useMarkRead } from './useMarkRead.ts';

interface Props {
  room: Room;
  messages: Message[];
  pending: PendingMessage[];
  onRetry(pending: PendingMessage): void;
  onDiscard(clientMsgId: string): void;
  loading: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
}

const LOAD_OLDER_WITHIN_PX = 300;

const stamp = (m: Message) => ({ authorId: m.author.id, createdAt: m.createdAt });

/**
 * The scroller is flex-col-reverse: the browser then keeps it pinned to the newest message
 * as messages arrive, and keeps the reader's place when older pages are added above.
 */
export function MessageList({ room, messages, pending, onRetry, onDiscard, loading, hasOlder, loadingOlder, loadOlder }: Props) {
  const me = useMe();
  const scroller = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const bottomVisible = useInView(bottom, scroller);
  const now = new Date();

  // Measured rather than observed: right after a page lands an observer still reports the
  // old layout, which would fetch a page nobody scrolled to.
  const loadOlderNearTop = useCallback(() => {
    const element = scroller.current;
    if (!element || !hasOlder || loadingOlder) return;
    // In a column-reverse scroller scrollTop is 0 at the bottom and negative upwards.
    const distanceToTop = element.scrollHeight - element.clientHeight + element.scrollTop;
    if (distanceToTop < LOAD_OLDER_WITHIN_PX) loadOlder();
  }, [hasOlder, loadingOlder, loadOlder]);
  // Also when a page arrives: if the history still doesn't fill the screen, fetch the next one.
  useEffect(loadOlderNearTop, [loadOlderNearTop, messages.length]);

  useMarkRead(room.id, messages[messages.length - 1]?.id, bottomVisible, room.joined);

  // Sending always brings the conversation back to the newest message.
  const newestPending = pending[pending.length - 1]?.clientMsgId;
  useEffect(() => {
    if (newestPending) scroller.current?.scrollTo({ top: 0 });
  }, [newestPending]);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div ref={scroller} onScroll={loadOlderNearTop} className="flex min-h-0 flex-1 flex-col-reverse overflow-y-auto overscroll-contain">
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
          <div role="log" aria-label={`Messages in ${room.name}`}>
          <ol>
            {messages.map((message, i) => {
              const prev = messages[i - 1];
              const newDay = isNewDay(prev && stamp(prev), stamp(message));
              return (
                <Fragment key={message.id}>
                  {newDay && <DayDivider label={dayLabel(message.createdAt, now)} />}
                  <MessageItem
                    message={message}
                    mine={message.author.id === me.id}
                    showHeader={startsGroup(prev && stamp(prev), stamp(message))}
                  />
                </Fragment>
              );
            })}
            {pending.map((p) => (
              <PendingMessageItem key={p.clientMsgId} pending={p} onRetry={onRetry} onDiscard={onDiscard} />
            ))}
          </ol>
          </div>
          <div ref={bottom} className="h-px" />
        </div>
      </div>
      {!bottomVisible && messages.length > 0 && (
        <button
          type="button"
          className={`${button.floating} absolute bottom-3 left-1/2 -translate-x-1/2`}
          onClick={() => scroller.current?.scrollTo({ top: 0, behavior: 'smooth' })}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}

function DayDivider({ label }: { label: string }) {
  return (
    <li className="my-3 flex items-center gap-3 px-5" aria-label={label}>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      <span className={`${muted} text-xs font-medium`}>{label}</span>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
    </li>
  );
}

function RoomIntro({ room }: { room: Room }) {
  return (
    <div className="px-5 pt-8 pb-4">
      <h2 className="text-xl font-semibold">{room.kind === 'direct' ? room.name : `Welcome to ${room.name}`}</h2>
      <p className={`${muted} mt-1 text-sm`}>
        {room.kind === 'direct'
          ? `This is the beginning of your conversation with ${room.name}.`
          : room.topic || `This is the very beginning of ${room.name}.`}
      </p>
    </div>
  );
}
