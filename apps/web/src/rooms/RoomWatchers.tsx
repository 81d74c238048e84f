import type { Room } from '@chat/api-types';
import { trpc } from '../trpc.ts';
import { useRoomEventEffects } from './useRoomEventEffects.ts';
import { useRooms } from './useRooms.ts';
import { useRoomStreamEnd } from './useRoomStreamEnd.ts';

/** Live unread counts (and pins) for every joined room except the open one (whose own view listens). */
export function RoomWatchers({ activeRoomId }: { activeRoomId: string | null }) {
  const rooms = useRooms().data ?? [];
  return rooms
    .filter((room) => room.joined && room.id !== activeRoomId)
    .map((room) => <RoomWatcher key={room.id} room={room} />);
}

function RoomWatcher({ room }: { room: Room }) {
  const effects = useRoomEventEffects();
  const stream = useRoomStreamEnd(room);
  // No lastEventId: only what happens from now on matters for a badge; the room list has the rest.
  trpc.message.onEvent.useSubscription(
    { roomId: room.id },
    {
      onData: ({ data }) => {
        stream.seen(data);
        effects([data], null);
      },
      onError: stream.ended,
    },
  );
  return null;
}
