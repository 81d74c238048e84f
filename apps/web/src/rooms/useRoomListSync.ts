import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { errorCode } from '../lib/errors.ts';
import { refreshProfile } from '../profiles/useProfile.ts';
import { trpc } from '../trpc.ts';

/**
 * The server says when my room list changed elsewhere (a DM opened with me, an invite, a join
 * in another tab, someone joining or leaving one of my rooms, a new display name for me or for
 * someone I have a direct room with); refetching the list, any member list on screen and who I
 * am is then cheap and exact. Someone's new name, status or picture refreshes their profile;
 * the profiles shown are read again after a reconnect with every other query (createSession).
 */
export function useRoomListSync() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const me = useMe();
  const { forget } = useAuth();
  trpc.user.onEvent.useSubscription(undefined, {
    onData: (event) => {
      if (event.type === 'profile-changed') {
        void refreshProfile(queryClient, event.userId);
        // Their name may be what changed: member lists show it, and if it is mine, so does all of my own.
        void utils.room.members.invalidate();
        if (event.userId === me.id) void utils.auth.me.invalidate();
        return;
      }
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
