import { useEffect, useRef } from 'react';
import { markRoomRead } from '../rooms/roomActivity.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { useDocumentVisible } from '../ui/useDocumentVisible.ts';

/** Moves the read marker to the newest message once it is on screen in a foreground tab. */
export function useMarkRead(roomId: string, newestMessageId: string | undefined, newestVisible: boolean, isMember: boolean) {
  const { mutate } = trpc.message.markRead.useMutation();
  const updateRooms = useUpdateRooms();
  const visible = useDocumentVisible();
  const marked = useRef<string | null>(null);

  useEffect(() => {
    if (!isMember || !visible || !newestVisible || !newestMessageId || marked.current === newestMessageId) return;
    marked.current = newestMessageId;
    mutate({ roomId, messageId: newestMessageId });
    updateRooms((rooms) => markRoomRead(rooms, roomId));
  }, [roomId, newestMessageId, newestVisible, isMember, visible, mutate, updateRooms]);
}
