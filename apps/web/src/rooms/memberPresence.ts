import type { PresenceEvent, RoomMember } from '@chat/api-types';

/**
 * The members list with a presence event applied, or null when the event names someone the
 * list does not have (they joined since it was read): the list is then fetched again.
 */
export function withPresence(members: RoomMember[], event: PresenceEvent): RoomMember[] | null {
  const ids = new Set(members.map((m) => m.user.id));
  if (event.type === 'change') {
    if (!ids.has(event.userId)) return null;
    return members.map((m) => (m.user.id === event.userId ? { ...m, online: event.online } : m));
  }
  if (event.online.some((id) => !ids.has(id))) return null;
  const online = new Set(event.online);
  return members.map((m) => (m.online === online.has(m.user.id) ? m : { ...m, online: !m.online }));
}
