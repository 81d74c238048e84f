import type { Room } from '@chat/api-types';
import { useCallback } from 'react';
import { trpc } from '../trpc.ts';

/**
 * The room list. Live events keep unread counts current for joined rooms; the slow poll
 * only picks up what no subscription reports (an invite, a DM someone else opened).
 */
export function useRooms() {
  return trpc.room.list.useQuery(undefined, { refetchInterval: 60_000 });
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
