import type { Room } from '@chat/api-types';
import { useCallback } from 'react';
import { currentRoomId, openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { useToast } from '../ui/toastContext.ts';
import { roomLossText, type RoomLoss } from './roomLoss.ts';

/**
 * Moves on from a room that went from under me: out of the room list, and to another room if it
 * was open, saying why. Several may report one loss (its stream, my own delete's answer, a leave
 * made in this tab): the first one does it, and the others find nothing left to do.
 */
export function useLoseRoom() {
  const utils = trpc.useUtils();
  const toast = useToast();
  return useCallback(
    (room: Room, loss: RoomLoss) => {
      const listed = utils.room.list.getData()?.some((r) => r.id === room.id) ?? false;
      const open = currentRoomId() === room.id;
      if (!listed && !open) return;
      utils.room.list.setData(undefined, (rooms) => rooms?.filter((r) => r.id !== room.id));
      toast(roomLossText(room, loss));
      if (open) openRoom(null);
    },
    [utils, toast],
  );
}
