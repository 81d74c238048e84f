import type { RoomEvent } from '@chat/api-types';
import { useCallback } from 'react';
import { useMe } from '../auth/meContext.ts';
import { useNotifier } from '../notifications/useNotifier.ts';
import { applyToPins } from '../pins/pinnedMessages.ts';
import { trpc } from '../trpc.ts';
import { applyRoomActivity } from './roomActivity.ts';
import { useUpdateRooms } from './useRooms.ts';

/**
 * What a room's events change besides its timeline, for the open room and the watched ones alike:
 * the room list (activity, unread counts), the room's cached pins, and desktop notifications.
 * `activeRoomId` is the room being read, whose new messages are not unread.
 */
export function useRoomEventEffects() {
  const me = useMe();
  const updateRooms = useUpdateRooms();
  const notify = useNotifier();
  const utils = trpc.useUtils();
  return useCallback(
    (events: readonly RoomEvent[], activeRoomId: string | null) => {
      updateRooms((rooms) => events.reduce((next, event) => applyRoomActivity(next, event, { userId: me.id, activeRoomId }), rooms));
      for (const event of events) {
        const input = { roomId: event.message.roomId };
        const pins = utils.message.pins.getData(input);
        const next = pins && applyToPins(pins, event);
        if (next !== pins) utils.message.pins.setData(input, next);
        notify(event);
      }
    },
    [me.id, updateRooms, notify, utils],
  );
}
