import type { Room } from '@chat/api-types';
import { useEffect } from 'react';

/** "(3) General · Chat": the unread total across joined rooms, then where I am. */
export function useUnreadTitle(rooms: readonly Room[] | undefined, activeRoom: Room | undefined) {
  const unread = (rooms ?? []).reduce((sum, r) => sum + (r.joined ? r.unreadCount : 0), 0);
  const name = activeRoom ? (activeRoom.kind === 'direct' ? activeRoom.name : `#${activeRoom.name}`) : null;
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${name ? `${name} · ` : ''}Chat`;
  }, [unread, name]);
}
