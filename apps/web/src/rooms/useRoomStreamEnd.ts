import type { Room, RoomEvent } from '@chat/api-types';
import { useRef } from 'react';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { errorCode } from '../lib/errors.ts';
import { removesMe, roomLoss } from './roomLoss.ts';
import { useLoseRoom } from './useLoseRoom.ts';

/**
 * How a stream of the room's events ends for good, for the open room and the watched ones alike:
 * an ended session signs out, and a room I was removed from, left elsewhere, or that was deleted
 * is moved on from, once (a stream that ended is not tried again). Every event passes through
 * `seen` first: the notice of my removal comes just before the end it explains.
 */
export function useRoomStreamEnd(room: Room) {
  const me = useMe();
  const { forget } = useAuth();
  const loseRoom = useLoseRoom();
  const removalSeen = useRef(false);
  return {
    seen(event: RoomEvent) {
      if (removesMe(event, me.id)) removalSeen.current = true;
    },
    ended(error: unknown) {
      const code = errorCode(error);
      if (code === 'UNAUTHORIZED') return forget();
      const loss = roomLoss(code, removalSeen.current);
      if (loss) loseRoom(room, loss);
    },
  };
}
