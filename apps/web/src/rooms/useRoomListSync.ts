import { useAuth } from '../auth/authContext.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';

/**
 * The server says when my room list changed elsewhere (a DM opened with me, an invite, a join
 * in another tab, someone joining or leaving one of my rooms, a new display name for me or for
 * someone I have a direct room with); refetching the list, any member list on screen and who I
 * am is then cheap and exact.
 */
export function useRoomListSync() {
  const utils = trpc.useUtils();
  const { forget } = useAuth();
  trpc.user.onEvent.useSubscription(undefined, {
    onData: () => {
      void utils.room.list.invalidate();
      void utils.room.members.invalidate();
      // An unchanged answer keeps its object (React Query's structural sharing): nothing re-renders.
      void utils.auth.me.invalidate();
    },
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') forget();
    },
  });
}
