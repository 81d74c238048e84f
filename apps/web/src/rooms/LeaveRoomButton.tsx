import type { Room } from '@chat/api-types';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { button } from '../ui/styles.ts';
import { useUpdateRooms } from './useRooms.ts';

export function LeaveRoomButton({ room }: { room: Room }) {
  const updateRooms = useUpdateRooms();
  const leave = trpc.room.leave.useMutation({
    onSuccess: () => {
      // A public room stays browsable; a private one disappears from view.
      updateRooms((rooms) =>
        room.kind === 'public'
          ? rooms.map((r) => (r.id === room.id ? { ...r, joined: false, unreadCount: 0, memberCount: Math.max(0, r.memberCount - 1) } : r))
          : rooms.filter((r) => r.id !== room.id),
      );
      openRoom(null);
    },
  });
  return (
    <button
      type="button"
      className={button.ghost}
      disabled={leave.isPending}
      onClick={() => {
        if (room.kind === 'public' || window.confirm(`Leave ${room.name}? You'll need a new invite to come back.`)) leave.mutate({ roomId: room.id });
      }}
    >
      Leave
    </button>
  );
}
