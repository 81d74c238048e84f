import type { Room } from '@chat/api-types';
import { useCallback } from 'react';
import { trpc } from '../trpc.ts';

/** The room list: kept current by live events (unread counts) and user.onEvent (membership changes). */
export function useRooms() {
  return trpc.room.list.useQuery();
}

export function useRoom(roomId: string): Room | undefined {
  return useRooms().data?.find((r) => r.id === roomId);
}

/** Edits the cached room list in place, for answers and events that say exactly what changed. */
export function useUpdateRooms() {
  const utils = trpc.useUtils();
  return useCallback(
    (update: (rooms: Room[]) => Room[]) => utils.room.list.setData(undefined, (rooms) => rooms && update(rooms)),
    [utils],
  );
}
