import type { Message } from '@chat/api-types';
import { useQueryClient } from '@tanstack/react-query';
import { trpc } from '../trpc.ts';
import { historyKey, type History } from './history.ts';
import { mergeEvent } from './mergeEvent.ts';

/** Edit and delete, each merging the server's answer at once (its event may come later, and then changes nothing). */
export function useMessageActions() {
  const queryClient = useQueryClient();
  const apply = (type: 'updated' | 'deleted') => (message: Message) =>
    queryClient.setQueryData<History>(historyKey(message.roomId), (history) => history && mergeEvent(history, { type, message }));
  return {
    edit: trpc.message.edit.useMutation({ onSuccess: apply('updated') }),
    remove: trpc.message.delete.useMutation({ onSuccess: apply('deleted') }),
  };
}
