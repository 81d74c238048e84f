import type { Room } from '@chat/api-types';
import { useEffect } from 'react';

/**
 * "(3) General · Chat": the unread total across joined rooms, then where I am (a room, or a page
 * such as "Settings"). Muted rooms are left out: a count that always grows is one nobody reads.
 */
export function useUnreadTitle(rooms: readonly Room[] | undefined, place: Room | string | undefined) {
  const unread = (rooms ?? []).reduce((sum, r) => sum + (r.joined && r.notificationLevel !== 'muted' ? r.unreadCount : 0), 0);
  const name = typeof place === 'string' ? place : place ? (place.kind === 'direct' ? place.name : `#${place.name}`) : null;
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${name ? `${name} · ` : ''}Chat`;
  }, [unread, name]);
}
