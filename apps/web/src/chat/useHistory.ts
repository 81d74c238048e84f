import { useInfiniteQuery } from '@tanstack/react-query';
import { trpc } from '../trpc.ts';
import { HISTORY_PAGE_SIZE, historyKey, type History, type HistoryPage, type HistoryParam } from './history.ts';

/**
 * A room's history, newest page first: older pages are the "next" ones, newer pages (after a
 * jump to an old message) the "previous" ones. With `around`, a room not yet cached opens at
 * the page around that message instead of at the newest. The cursor inputs are named
 * `before`/`after`, not `cursor`, so this is a plain infinite query over the tRPC client
 * rather than tRPC's own hook. Live events keep it current, so it is never refetched behind
 * the user's back: a refetch would only race the event stream.
 */
export function useHistory(roomId: string, around: string | null) {
  const utils = trpc.useUtils();
  return useInfiniteQuery<HistoryPage, Error, History, ReturnType<typeof historyKey>, HistoryParam>({
    queryKey: historyKey(roomId),
    queryFn: ({ pageParam, signal }) => utils.client.message.history.query({ roomId, ...pageParam, limit: HISTORY_PAGE_SIZE }, { signal }),
    initialPageParam: around === null ? { before: null } : { around },
    getNextPageParam: (oldest) => (oldest.nextCursor === null ? undefined : { before: oldest.nextCursor }),
    getPreviousPageParam: (newest) => (newest.newerCursor === null ? undefined : { after: newest.newerCursor }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
