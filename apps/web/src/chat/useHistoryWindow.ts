import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { historyKey } from './history.ts';
import { useHistory } from './useHistory.ts';

/**
 * A room's history and where it is read from: the newest messages, or the page around one
 * message (a search hit far back), without loading every page in between. Moving the window
 * reads the cache afresh from the new place; the live event stream keeps running throughout.
 */
export function useHistoryWindow(roomId: string, initialAround: string | null) {
  const queryClient = useQueryClient();
  const [place, setPlace] = useState({ around: initialAround, moves: 0 });
  const history = useHistory(roomId, place.around);

  // After the render that gave the query its new first page, so the reset reads from there.
  useEffect(() => {
    if (place.moves > 0) void queryClient.resetQueries({ queryKey: historyKey(roomId), exact: true });
  }, [place, roomId, queryClient]);

  /** Shows the page around `messageId`, or the newest messages for null. */
  const moveTo = useCallback((messageId: string | null) => setPlace((p) => ({ around: messageId, moves: p.moves + 1 })), []);
  return { history, moveTo };
}
