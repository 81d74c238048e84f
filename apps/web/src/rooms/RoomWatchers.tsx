import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { errorCode } from '../lib/errors.ts';
import { useNotifier } from '../notifications/useNotifier.ts';
import { trpc } from '../trpc.ts';
import { applyRoomActivity } from './roomActivity.ts';
import { useRooms, useUpdateRooms } from './useRooms.ts';

/** Live unread counts for every joined room except the open one (whose own view listens). */
export function RoomWatchers({ activeRoomId }: { activeRoomId: string | null }) {
  const rooms = useRooms().data ?? [];
  return rooms
    .filter((room) => room.joined && room.id !== activeRoomId)
    .map((room) => <RoomWatcher key={room.id} roomId={room.id} />);
}

function RoomWatcher({ roomId }: { roomId: string }) {
  const me = useMe();
  const { forget } = useAuth();
  const updateRooms = useUpdateRooms();
  const notify = useNotifier();
  // No lastEventId: only what happens from now on matters for a badge; the room list has the rest.
  trpc.message.onEvent.useSubscription(
    { roomId },
    {
      onData: ({ data }) => {
        updateRooms((rooms) => applyRoomActivity(rooms, data, { userId: me.id, activeRoomId: null }));
        notify(data);
      },
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') forget();
      },
    },
  );
  return null;
}
