import type { Room } from '@chat/api-types';
import { useServerAdmin } from '../auth/useServerAdmin.ts';
import { messageRights, roomRights, type MessageRights, type RoomRights } from './roomRights.ts';

/** What I may do to the room beyond taking part in it; kept current by the room list (my role) and auth.account. */
export function useRoomRights(room: Room): RoomRights {
  return roomRights(room, useServerAdmin());
}

/** What the room's message lists (the room's own, a thread's) let me do to its messages. */
export function useMessageRights(room: Room): MessageRights {
  return messageRights(room, useRoomRights(room));
}
