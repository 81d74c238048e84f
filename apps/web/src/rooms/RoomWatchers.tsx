import { useAuth } from '../auth/authContext.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { useRoomEventEffects } from './useRoomEventEffects.ts';
import { useRooms } from './useRooms.ts';

/** Live unread counts (and pins) for every joined room except the open one (whose own view listens). */
export function RoomWatchers({ activeRoomId }: { activeRoomId: string | null }) {
  const rooms = useRooms().data ?? [];
  return rooms
    .filter((room) => room.joined && room.id !== activeRoomId)
    .map((room) => <RoomWatcher key={room.id} roomId={room.id} />);
}

function RoomWatcher({ roomId }: { roomId: string }) {
  const { forget } = useAuth();
  const effects = useRoomEventEffects();
  // No lastEventId: only what happens from now on matters for a badge; the room list has the rest.
  trpc.message.onEvent.useSubscription(
    { roomId },
    {
      onData: ({ data }) => effects([data], null),
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') forget();
      },
    },
  );
  return null;
}
