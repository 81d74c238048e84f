import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { upsertRoom } from './roomActivity.ts';
import { useUpdateRooms } from './useRooms.ts';

/** Starts (or reopens) the direct conversation with someone, and goes there. */
export function useOpenDirectRoom(onOpened?: () => void) {
  const updateRooms = useUpdateRooms();
  return trpc.dm.open.useMutation({
    onSuccess: (room) => {
      updateRooms((rooms) => upsertRoom(rooms, room));
      openRoom(room.id);
      onOpened?.();
    },
  });
}
