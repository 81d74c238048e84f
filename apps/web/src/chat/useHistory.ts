import { useInfiniteQuery } from '@tanstack/react-query';
import { trpc } from '../trpc.ts';
import { HISTORY_PAGE_SIZE, historyKey, type History, type HistoryPage } from './history.ts';

/**
 * A room's history, newest page first. The cursor input is named `before`, not `cursor`, so
 * this is a plain infinite query over the tRPC client rather than tRPC's own hook. Live
 * events keep it current, so it is never refetched behind the user's back: a refetch
 * would only race the event stream.
 */
export function useHistory(roomId: string, enabled: boolean) {
  const utils = trpc.useUtils();
  return useInfiniteQuery<HistoryPage, Error, History, ReturnType<typeof historyKey>, string | null>({
    queryKey: historyKey(roomId),
    queryFn: ({ pageParam, signal }) =>
      utils.client.message.history.query({ roomId, before: pageParam, limit: HISTORY_PAGE_SIZE }, { signal }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
