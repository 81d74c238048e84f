import type { Room } from '@chat/api-types';
import { button } from '../ui/styles.ts';
import { useLeaveRoom } from './useLeaveRoom.ts';

/** In the header from a tablet's width up; on a phone, leaving is in the room's menu. */
export function LeaveRoomButton({ room }: { room: Room }) {
  const { leave, pending } = useLeaveRoom(room);
  return (
    <button type="button" className={`${button.ghost} max-sm:hidden`} disabled={pending} onClick={leave}>
      Leave
    </button>
  );
}
