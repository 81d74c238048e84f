import type { Message } from '@chat/api-types';
import { useMutationState, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { pendingMessages, type SendInput, type SendState } from './pending.ts';
import { sendMessageKey, useSendMessage } from './useSendMessage.ts';

/**
 * Sends of this room that the history does not show yet, plus retry/discard for failed ones.
 * They live in React Query's mutation cache, so they survive switching rooms.
 */
export function usePendingMessages(roomId: string, confirmed: readonly Message[]) {
  const queryClient = useQueryClient();
  const { mutate: send } = useSendMessage();
  const sends = useMutationState<SendState>({
    filters: { mutationKey: sendMessageKey },
    select: (mutation) => ({
      variables: mutation.state.variables as SendInput | undefined,
      status: mutation.state.status,
      error: mutation.state.error,
      submittedAt: mutation.state.submittedAt,
    }),
  });

  const discard = useCallback(
    (clientMsgId: string) => {
      const cache = queryClient.getMutationCache();
      for (const mutation of cache.findAll({ mutationKey: sendMessageKey })) {
        if ((mutation.state.variables as SendInput | undefined)?.clientMsgId === clientMsgId) cache.remove(mutation);
      }
    },
    [queryClient],
  );

  const retry = useCallback(
    (pending: { clientMsgId: string; body: string }) => {
      discard(pending.clientMsgId);
      send({ roomId, body: pending.body, clientMsgId: pending.clientMsgId });
    },
    [discard, send, roomId],
  );

  return { pending: pendingMessages(sends, roomId, confirmed), retry, discard };
}
