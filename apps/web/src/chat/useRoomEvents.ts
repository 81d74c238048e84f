import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { errorCode } from '../lib/errors.ts';
import { useNotifier } from '../notifications/useNotifier.ts';
import { applyRoomActivity } from '../rooms/roomActivity.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { historyKey, type History } from './history.ts';
import { mergeEvent } from './mergeEvent.ts';

/**
 * Streams the open room's events into its cached history. `resumeFrom` is the newest event
 * the cache already holds, so the server first replays whatever happened since; after a
 * dropped socket the ws link resumes from the last event it saw. Either way every message
 * arrives, and mergeEvent makes repeats harmless.
 */
export function useRoomEvents(roomId: string, resumeFrom: string | null) {
  const queryClient = useQueryClient();
  const updateRooms = useUpdateRooms();
  const me = useMe();
  const { forget } = useAuth();
  const notify = useNotifier();
  return trpc.message.onEvent.useSubscription(
    { roomId, lastEventId: resumeFrom },
    {
      enabled: resumeFrom !== null,
      onData: ({ id, data }) => {
        queryClient.setQueryData<History>(historyKey(roomId), (history) => history && mergeEvent(history, data, id));
        // While the tab is hidden the open room is not being read, so it counts as unread too.
        const activeRoomId = document.visibilityState === 'visible' ? roomId : null;
        updateRooms((rooms) => applyRoomActivity(rooms, data, { userId: me.id, activeRoomId }));
        notify(data);
      },
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') forget();
      },
    },
  );
}
