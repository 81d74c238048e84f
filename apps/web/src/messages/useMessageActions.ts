import type { Message } from '@chat/api-types';
import { useTimelines } from '../history/timelinesContext.ts';
import { trpc } from '../trpc.ts';

/** Edit and delete, each merging the server's answer at once (its event may come later, and then changes nothing). */
export function useMessageActions() {
  const timelines = useTimelines();
  const apply = (type: 'updated' | 'deleted') => (message: Message) => timelines.applyAnswer({ type, message });
  return {
    edit: trpc.message.edit.useMutation({ onSuccess: apply('updated') }),
    remove: trpc.message.delete.useMutation({ onSuccess: apply('deleted') }),
  };
}
