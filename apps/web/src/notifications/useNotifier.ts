import type { RoomEvent } from '@chat/api-types';
import { useCallback } from 'react';
import { useMe } from '../auth/meContext.ts';
import { trpc } from '../trpc.ts';
import { showNotification } from './desktopNotifications.ts';
import { shouldNotify } from './shouldNotify.ts';

/** Returns the function every room subscription hands its events to, for desktop notifications. */
export function useNotifier() {
  const me = useMe();
  const utils = trpc.useUtils();
  return useCallback(
    (event: RoomEvent) => {
      const room = utils.room.list.getData()?.find((r) => r.id === event.message.roomId);
      if (room && shouldNotify(event, room, me, document.visibilityState === 'hidden', Date.now())) showNotification(event.message, room);
    },
    [me, utils],
  );
}
