import type { Message, Room } from '@chat/api-types';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { Composer } from '../composer/Composer.tsx';
import { FileDropZone } from '../files/FileDropZone.tsx';
import { useUploadQueue } from '../files/useUploadQueue.ts';
import { caughtUp, firstUnread } from '../history/newMessages.ts';
import { useTimeline } from '../history/timelinesContext.ts';
import { useRoomEvents } from '../history/useRoomEvents.ts';
import { initialTarget, type ScrollTarget } from '../history/useScrollTarget.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { MessageList } from '../messages/MessageList.tsx';
import { MessageListContext, type MessageListActions } from '../messages/messageListContext.ts';
import { pendingIn } from '../outbox/outbox.ts';
import { useOutbox, useOutboxEntries } from '../outbox/outboxContext.ts';
import { useMessageRights } from '../rooms/useRoomRights.ts';
import { useRoom, useRooms } from '../rooms/useRooms.ts';
import { useFocusedMessageId } from '../route/roomRoute.ts';
import { ThreadPanel } from '../thread/ThreadPanel.tsx';
import { THREAD_PAGE_SIZE, ThreadTimeline } from '../thread/threadTimeline.ts';
import { trpc } from '../trpc.ts';
import { TypingIndicator } from '../typing/TypingIndicator.tsx';
import { button, muted } from '../ui/styles.ts';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { Announcer } from './Announcer.tsx';
import { ArchivedBar } from './ArchivedBar.tsx';
import { JoinBar } from './JoinBar.tsx';
import { RoomHeader } from './RoomHeader.tsx';

/** Read messages shown above the "New messages" divider when a room opens at it, for context. */
const READ_ABOVE_DIVIDER = 3;
/** Wide enough for a thread beside the room (Tailwind's lg, as ThreadPanel lays itself out); narrower, it covers the room. */
const THREAD_BESIDE = '(min-width: 64rem)';

/** One room, once the room list knows it. Keyed by room id, so state never leaks between rooms. */
export function RoomView({ roomId }: { roomId: string }) {
  const rooms = useRooms();
  const listed = useRoom(roomId);
  // A room that leaves the list while open (I was removed, it was deleted) stays on screen until
  // its stream ends and says which, to tell the reader and move on (useRoomStreamEnd).
  const [shown, setShown] = useState(listed);
  if (listed && listed !== shown) setShown(listed);
  const room = listed ?? shown;
  if (!room) return rooms.isPending ? null : <RoomMissing />;
  return <OpenRoom room={room} />;
}

function OpenRoom({ room }: { room: Room }) {
  const me = useMe();
  const focused = useFocusedMessageId();
  const timeline = useTimeline(room.id);
  const outbox = useOutbox();
  const uploads = useUploadQueue(room.id);

  // A room not loaded yet opens around the search hit it was opened for, without the pages in between.
  const [opening] = useState(focused);
  useEffect(() => {
    if (opening && timeline.status === 'empty') timeline.showAround(opening);
    else timeline.open();
  }, [timeline, opening]);

  const { client } = trpc.useUtils();
  const [thread, setThread] = useState<ThreadTimeline | null>(null);
  const openThread = useCallback(
    (rootId: string) =>
      setThread((open) => (open?.rootId === rootId ? open : new ThreadTimeline(rootId, (before) => client.message.thread.query({ messageId: rootId, before, limit: THREAD_PAGE_SIZE })))),
    [client],
  );
  const threadBeside = useMediaQuery(THREAD_BESIDE);

  // The subscription starts once, from the newest event the first page (or the saved timeline) holds.
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  if (resumeFrom === null && timeline.lastEventId !== null) setResumeFrom(timeline.lastEventId);
  useRoomEvents(timeline, room, resumeFrom, thread);

  const messages = timeline.messages;
  const pending = pendingIn(useOutboxEntries(), room.id, timeline);

  // Worked out once, when the history first arrives: the divider stays where reading started.
  const [readAtOpen] = useState(room.joined ? room.lastReadSeq : null);
  const [divider, setDivider] = useState<Message | null | undefined>(undefined);
  const settled = timeline.status === 'ready' && (!timeline.reachesNewest || caughtUp(messages, room.lastMessageAt));
  // More unread than the newest page holds: the room opens where reading stopped instead, a few
  // read messages above the divider, and the rest is read on scrolling down.
  const unreadBeyond =
    settled && !opening && readAtOpen !== null && timeline.reachesNewest && timeline.olderCursor !== null && (messages[0]?.seq ?? 0) > readAtOpen + 1;
  const openedAtMarker = useRef(false);
  useEffect(() => {
    if (divider !== undefined || !unreadBeyond || openedAtMarker.current || readAtOpen === null) return;
    openedAtMarker.current = true;
    timeline.showAfter(Math.max(0, readAtOpen - READ_ABOVE_DIVIDER));
  }, [divider, unreadBeyond, readAtOpen, timeline]);
  if (divider === undefined && settled && !unreadBeyond) setDivider(firstUnread(messages, readAtOpen, me.id));
  const [target, setTarget] = useState<ScrollTarget | null | undefined>(undefined);
  if (divider !== undefined && target === undefined) setTarget(initialTarget(room.id, focused, divider?.id ?? null));
  // A search hit in the room already open arrives as a new focused id.
  const [lastFocused, setLastFocused] = useState(focused);
  if (focused !== lastFocused) {
    setLastFocused(focused);
    if (focused) setTarget({ kind: 'search', messageId: focused });
  }

  const [editingId, setEditingId] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const changeEditing = useCallback((messageId: string | null) => {
    setEditingId(messageId);
    // Back to the composer once an edit is saved or cancelled.
    if (messageId === null) requestAnimationFrame(() => composer.current?.focus());
  }, []);
  const editLast = () => {
    const last = messages.findLast((m) => m.author.id === me.id && !m.deleted && !m.notice);
    if (last) setEditingId(last.id);
  };
  const [replyingTo, setReplyingTo] = useState<Message | null>(null);
  const reply = useCallback((message: Message) => {
    setReplyingTo(message);
    requestAnimationFrame(() => composer.current?.focus());
  }, []);
  const { member, readOnly, moderator } = useMessageRights(room);
  const listActions = useMemo<MessageListActions>(
    () => ({ member, readOnly, moderator, reply, openThread, threadRootId: null }),
    [member, readOnly, moderator, reply, openThread],
  );

  return (
    <div className="flex min-h-0 flex-1">
      {/* Covered by the thread on a narrow screen: out of reach of the keyboard and screen readers too. */}
      <div className="flex min-w-0 flex-1 flex-col" inert={thread !== null && !threadBeside}>
        <RoomHeader room={room} />
        <MessageListContext value={listActions}>
          <FileDropZone label={`Files go with your next message in ${room.name}`} onFiles={uploads.add} enabled={member} className="flex min-h-0 flex-1 flex-col">
            {timeline.status === 'error' ? (
              <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
                <p>{errorCode(timeline.error) === 'FORBIDDEN' ? "You don't have access to this room." : errorMessage(timeline.error)}</p>
                <button type="button" className={button.secondary} onClick={() => timeline.retry()}>
                  Try again
                </button>
              </div>
            ) : (
              <MessageList
                room={room}
                timeline={timeline}
                pending={pending}
                onRetry={outbox.retry}
                onDiscard={outbox.discard}
                divider={divider ?? null}
                target={target ?? null}
                editingId={editingId}
                onEditingChange={changeEditing}
              />
            )}
            <TypingIndicator roomId={room.id} />
            {member ? (
              <Composer
                room={room}
                draftKey={room.id}
                label={room.kind === 'direct' ? `Message ${room.name}` : `Message #${room.name}`}
                replyTo={replyingTo}
                onClearReply={() => setReplyingTo(null)}
                onEditLast={editLast}
                inputRef={composer}
                uploads={uploads}
              />
            ) : room.archived ? (
              <ArchivedBar room={room} />
            ) : (
              <JoinBar room={room} />
            )}
          </FileDropZone>
        </MessageListContext>
      </div>
      {thread && <ThreadPanel key={thread.rootId} room={room} thread={thread} onClose={() => setThread(null)} />}
      <Announcer newest={timeline.reachesNewest ? messages.at(-1) : undefined} loaded={timeline.status === 'ready'} />
    </div>
  );
}

function RoomMissing() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-lg font-semibold">Room not found</h1>
      <p className={`${muted} text-sm`}>It may be private, or it no longer exists.</p>
      <a href="#" className={button.secondary}>
        Back to your rooms
      </a>
    </div>
  );
}
