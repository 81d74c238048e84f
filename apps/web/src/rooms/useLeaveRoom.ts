import type { Room } from '@chat/api-types';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { useLoseRoom } from './useLoseRoom.ts';
import { useUpdateRooms } from './useRooms.ts';

/** Leaving the room, from the header's button or (on a phone) the room's menu. */
export function useLeaveRoom(room: Room) {
  const updateRooms = useUpdateRooms();
  const loseRoom = useLoseRoom();
  const leave = trpc.room.leave.useMutation({
    onSuccess: () => {
      // A private room disappears from view, as when its stream ends on leaving (whichever comes first).
      if (room.kind !== 'public') return loseRoom(room, 'left');
      // A public one stays browsable.
      updateRooms((rooms) => rooms.map((r) => (r.id === room.id ? { ...r, joined: false, unreadCount: 0, memberCount: Math.max(0, r.memberCount - 1) } : r)));
      openRoom(null);
    },
  });
  return {
    pending: leave.isPending,
    leave() {
      if (room.kind === 'public' || window.confirm(`Leave ${room.name}? You'll need a new invite to come back.`)) leave.mutate({ roomId: room.id });
    },
  };
}
