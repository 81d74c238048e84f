import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isConnectionError } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { historyKey, type History } from './history.ts';
import { mergeEvent } from './mergeEvent.ts';
import type { SendInput } from './pending.ts';

/** Every send shares this key, so the room view can list sends in flight across remounts. */
export const sendMessageKey = ['chat', 'send'] as const;

/**
 * Sends a message. The clientMsgId makes a resend harmless (the server answers with the
 * first message), so sends that never got an answer are retried, and the answer is merged
 * at once in case it beats its own event.
 */
export function useSendMessage() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sendMessageKey,
    mutationFn: (input: SendInput) => utils.client.message.send.mutate(input),
    retry: (failures, error) => failures < 3 && isConnectionError(error),
    onSuccess: (message) =>
      queryClient.setQueryData<History>(historyKey(message.roomId), (history) => history && mergeEvent(history, { type: 'created', message })),
  });
}
