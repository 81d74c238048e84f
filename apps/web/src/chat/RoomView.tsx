import type { Room } from '@chat/api-types';
import { useCallback, useRef, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { FileDropZone } from '../files/FileDropZone.tsx';
import { useUploadQueue } from '../files/useUploadQueue.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { pendingIn } from '../outbox/outbox.ts';
import { useOutbox, useOutboxEntries } from '../outbox/outboxContext.ts';
import { useFocusedMessageId } from '../rooms/route.ts';
import { useRoom, useRooms } from '../rooms/useRooms.ts';
import { button, muted } from '../ui/styles.ts';
import { Announcer } from './Announcer.tsx';
import { Composer } from './Composer.tsx';
import { flattenHistory, reachesNewest } from './history.ts';
import { JoinBar } from './JoinBar.tsx';
import { MessageList } from './MessageList.tsx';
import { caughtUp, firstUnreadId } from './newMessages.ts';
import { RoomHeader } from './RoomHeader.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';
import { useHistoryWindow } from './useHistoryWindow.ts';
import { useRoomEvents } from './useRoomEvents.ts';
import { initialTarget, type ScrollTarget } from './useScrollTarget.ts';

/** One room, once the room list knows it. Keyed by room id, so state never leaks between rooms. */
export function RoomView({ roomId }: { roomId: string }) {
  const rooms = useRooms();
  const room = useRoom(roomId);
  if (!room) return rooms.isPending ? null : <RoomMissing />;
  return <OpenRoom room={room} />;
}

function OpenRoom({ room }: { room: Room }) {
  const me = useMe();
  const focused = useFocusedMessageId();
  const { history, moveTo } = useHistoryWindow(room.id, focused);
  const outbox = useOutbox();
  const uploads = useUploadQueue(room.id);

  // The subscription starts once, from the newest event the first history read (or the cache) holds.
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  const cachedLastEventId = history.data?.pages[0]?.lastEventId;
  if (resumeFrom === null && cachedLastEventId !== undefined) setResumeFrom(cachedLastEventId);
  useRoomEvents(room.id, resumeFrom);

  const messages = flattenHistory(history.data);
  const pending = pendingIn(useOutboxEntries(), room.id, messages);

  // Worked out once, when the history first arrives: the divider stays where reading started.
  const [readAtOpen] = useState(room.joined ? room.lastReadSeq : null);
  const [divider, setDivider] = useState<string | null | undefined>(undefined);
  const settled = history.isSuccess && (!reachesNewest(history.data) || caughtUp(messages, room.lastMessageAt));
  if (divider === undefined && settled) setDivider(firstUnreadId(messages, readAtOpen, me.id));
  const [target, setTarget] = useState<ScrollTarget | null | undefined>(undefined);
  if (divider !== undefined && target === undefined) setTarget(initialTarget(room.id, focused, divider));
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
    const last = [...messages].reverse().find((m) => m.author.id === me.id && !m.deleted);
    if (last) setEditingId(last.id);
  };

  const { fetchNextPage, fetchPreviousPage } = history;
  const loadOlder = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);
  const loadNewer = useCallback(() => void fetchPreviousPage({ cancelRefetch: false }), [fetchPreviousPage]);
  const showNewest = useCallback(() => moveTo(null), [moveTo]);

  return (
    <>
      <RoomHeader room={room} />
      <FileDropZone label={`Files go with your next message in ${room.name}`} onFiles={uploads.add} enabled={room.joined} className="flex min-h-0 flex-1 flex-col">
        {history.isError ? (
          <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
            <p>{errorCode(history.error) === 'FORBIDDEN' ? "You don't have access to this room." : errorMessage(history.error)}</p>
            <button type="button" className={button.secondary} onClick={() => void history.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <MessageList
            room={room}
            messages={messages}
            pending={pending}
            onRetry={outbox.retry}
            onDiscard={outbox.discard}
            dividerId={divider ?? null}
            target={target ?? null}
            editingId={editingId}
            onEditingChange={changeEditing}
            loading={history.isPending}
            hasOlder={history.hasNextPage}
            loadingOlder={history.isFetchingNextPage}
            loadOlder={loadOlder}
            hasNewer={history.hasPreviousPage}
            loadingNewer={history.isFetchingPreviousPage}
            loadNewer={loadNewer}
            showAround={moveTo}
            showNewest={showNewest}
          />
        )}
        <TypingIndicator roomId={room.id} />
        {room.joined ? <Composer room={room} onEditLast={editLast} inputRef={composer} uploads={uploads} /> : <JoinBar room={room} />}
      </FileDropZone>
      <Announcer messages={messages} loaded={history.isSuccess} />
    </>
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
