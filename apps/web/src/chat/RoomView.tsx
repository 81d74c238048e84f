import { useCallback, useState } from 'react';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { useRoom, useRooms } from '../rooms/useRooms.ts';
import { button, muted } from '../ui/styles.ts';
import { Composer } from './Composer.tsx';
import { flattenHistory } from './history.ts';
import { JoinBar } from './JoinBar.tsx';
import { MessageList } from './MessageList.tsx';
import { RoomHeader } from './RoomHeader.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';
import { useHistory } from './useHistory.ts';
import { usePendingMessages } from './usePendingMessages.ts';
import { useRoomEvents } from './useRoomEvents.ts';

/** One room: header, history with live updates, and the composer (or a join prompt). Keyed by room id. */
export function RoomView({ roomId }: { roomId: string }) {
  const rooms = useRooms();
  const room = useRoom(roomId);
  const history = useHistory(roomId, room !== undefined);

  // The subscription starts once, from the newest event the first history read (or the cache) holds.
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  const cachedLastEventId = history.data?.pages[0]?.lastEventId;
  if (resumeFrom === null && cachedLastEventId !== undefined) setResumeFrom(cachedLastEventId);
  useRoomEvents(roomId, resumeFrom);

  const { fetchNextPage } = history;
  const loadOlder = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  const messages = flattenHistory(history.data);
  const { pending, retry, discard } = usePendingMessages(roomId, messages);

  if (!room) {
    return rooms.isPending ? null : <RoomMissing />;
  }
  return (
    <>
      <RoomHeader room={room} />
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
          onRetry={retry}
          onDiscard={discard}
          loading={history.isPending}
          hasOlder={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          loadOlder={loadOlder}
        />
      )}
      <TypingIndicator roomId={roomId} />
      {room.joined ? <Composer room={room} /> : <JoinBar room={room} />}
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
