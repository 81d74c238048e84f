import { useAuth } from '../auth/authContext.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';

/**
 * The server says when my room list changed elsewhere (a DM opened with me, an invite, a join
 * in another tab, someone joining or leaving one of my rooms); refetching the list, and any
 * member list on screen, is then cheap and exact.
 */
export function useRoomListSync() {
  const utils = trpc.useUtils();
  const { forget } = useAuth();
  trpc.user.onEvent.useSubscription(undefined, {
    onData: () => {
      void utils.room.list.invalidate();
      void utils.room.members.invalidate();
    },
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') forget();
    },
  });
}
