import type { RoomEvent } from '@chat/api-types';
import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
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
  const updateRooms = useUpdateRooms();
  const me = useMe();
  const { forget } = useAuth();
  const notify = useNotifier();
  const merge = useHeldWhileFetching(roomId);
  return trpc.message.onEvent.useSubscription(
    { roomId, lastEventId: resumeFrom },
    {
      enabled: resumeFrom !== null,
      onData: ({ id, data }) => {
        merge(data, id);
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

/**
 * Merges events into the room's cached history, holding back those that arrive while a page
 * of it is being read: React Query builds the new pages from the ones it had when the read
 * began, so an event merged meanwhile would be lost when the page lands. Held events are
 * merged right after, when they also find the window they belong to (say, one that has just
 * reached the newest message).
 */
function useHeldWhileFetching(roomId: string) {
  const queryClient = useQueryClient();
  const held = useRef<{ event: RoomEvent; id: string }[]>([]);
  const apply = useCallback(
    (event: RoomEvent, id: string) =>
      queryClient.setQueryData<History>(historyKey(roomId), (history) => history && mergeEvent(history, event, id)),
    [queryClient, roomId],
  );

  useEffect(() => {
    const hash = hashKey(historyKey(roomId));
    return queryClient.getQueryCache().subscribe(({ query }) => {
      if (query.queryHash !== hash || query.state.fetchStatus !== 'idle' || held.current.length === 0) return;
      for (const { event, id } of held.current.splice(0)) apply(event, id);
    });
  }, [queryClient, roomId, apply]);

  return useCallback(
    (event: RoomEvent, id: string) => {
      if (queryClient.isFetching({ queryKey: historyKey(roomId), exact: true }) > 0) held.current.push({ event, id });
      else apply(event, id);
    },
    [queryClient, roomId, apply],
  );
}
