import type { Message } from '@chat/api-types';
import { useTimelines } from '../history/timelinesContext.ts';
import { trpc } from '../trpc.ts';

/**
 * What can be done to a message. Edit and delete merge the server's answer at once (its event may
 * come later, and then changes nothing). Reactions and pins are shown by their events only: they
 * change no version, so a late answer could not be told from a newer change and would undo it.
 */
export function useMessageActions() {
  const timelines = useTimelines();
  const apply = (type: 'updated' | 'deleted') => (message: Message) => timelines.applyAnswer({ type, message });
  return {
    edit: trpc.message.edit.useMutation({ onSuccess: apply('updated') }),
    remove: trpc.message.delete.useMutation({ onSuccess: apply('deleted') }),
    /** Someone else's message, by whoever looks after the room. */
    moderate: trpc.room.deleteMessage.useMutation({ onSuccess: apply('deleted') }),
    react: trpc.message.react.useMutation(),
    unreact: trpc.message.unreact.useMutation(),
    pin: trpc.message.pin.useMutation(),
    unpin: trpc.message.unpin.useMutation(),
  };
}
