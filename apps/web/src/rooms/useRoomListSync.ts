import { useAuth } from '../auth/authContext.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';

/**
 * The server says when my room list changed elsewhere (a DM opened with me, an invite, a join
 * in another tab); refetching the list then is cheap and exact.
 */
export function useRoomListSync() {
  const utils = trpc.useUtils();
  const { forget } = useAuth();
  trpc.user.onEvent.useSubscription(undefined, {
    onData: () => void utils.room.list.invalidate(),
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') forget();
    },
  });
}
