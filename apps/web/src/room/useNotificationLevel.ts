import type { NotificationLevel, Room } from '@chat/api-types';
import { errorMessage } from '../lib/errors.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { useToast } from '../ui/toastContext.ts';

/** The levels, in the order the room menu offers them, with what it calls each. */
export const NOTIFICATION_LEVELS: readonly { level: NotificationLevel; label: string }[] = [
  { level: 'all', label: 'All messages' },
  { level: 'mentions', label: 'Mentions and replies' },
  { level: 'muted', label: 'Muted' },
];

/**
 * Sets what of the room notifies me. The room list shows the choice at once (the menu's check,
 * the sidebar's muted mark) and takes it back, saying so, if the server refuses it; my other
 * devices hear of it as a rooms-changed event.
 */
export function useSetNotificationLevel(room: Room) {
  const updateRooms = useUpdateRooms();
  const utils = trpc.useUtils();
  const toast = useToast();
  const show = (level: NotificationLevel) => updateRooms((rooms) => rooms.map((r) => (r.id === room.id ? { ...r, notificationLevel: level } : r)));
  const { mutate } = trpc.room.setNotificationLevel.useMutation({
    onMutate: ({ level }) => {
      const before = utils.room.list.getData()?.find((r) => r.id === room.id)?.notificationLevel;
      show(level);
      return before;
    },
    // A refetch that started before the change may have landed with the old level meanwhile.
    onSuccess: (answer) => show(answer.notificationLevel),
    onError: (error, _input, before) => {
      if (before) show(before);
      toast(`Couldn't change notifications for ${room.kind === 'direct' ? room.name : `#${room.name}`}: ${errorMessage(error)}`);
    },
  });
  return (value: string) => {
    const chosen = NOTIFICATION_LEVELS.find(({ level }) => level === value)?.level;
    if (chosen && chosen !== room.notificationLevel) mutate({ roomId: room.id, level: chosen });
  };
}
