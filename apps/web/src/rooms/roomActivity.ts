import type { Room, RoomEvent, RoomNotice } from '@chat/api-types';

/**
 * Folds a live event into the cached room list: a new message (a reply too, but not a reaction
 * or a pin) moves `lastMessageAt` and,
 * unless it is mine or the room is on screen, adds one unread. A message not newer than
 * `lastMessageAt` is already counted (a replay after reconnect, or a list fetched after it),
 * which keeps counts exact without refetching. A notice also changes the room as it says (its
 * name in the header and the list at once, not a refetch later). Returns `rooms` itself when
 * nothing changed.
 */
export function applyRoomActivity(rooms: Room[], event: RoomEvent, me: { userId: string; activeRoomId: string | null }): Room[] {
  if (event.type !== 'created') return rooms;
  const { message } = event;
  const index = rooms.findIndex((r) => r.id === message.roomId);
  const room = rooms[index];
  if (!room) return rooms;
  if (room.lastMessageAt !== null && Date.parse(message.createdAt) <= Date.parse(room.lastMessageAt)) return rooms;
  const unread = message.author.id !== me.userId && room.id !== me.activeRoomId && room.joined;
  const next: Room = { ...room, ...noticed(message.notice, me.userId), lastMessageAt: message.createdAt, unreadCount: room.unreadCount + (unread ? 1 : 0) };
  return rooms.map((r, i) => (i === index ? next : r));
}

/** What a notice changes of the room as the list shows it; the rest (members, counts) comes with the refetch that follows every change. */
function noticed(notice: RoomNotice | null, myId: string): Partial<Room> {
  switch (notice?.kind) {
    case 'renamed':
      return { name: notice.name };
    case 'topic-changed':
      return { topic: notice.topic };
    case 'archived':
    case 'unarchived':
      return { archived: notice.kind === 'archived' };
    case 'role-changed':
      return notice.user.id === myId ? { role: notice.role } : {};
    default:
      return {};
  }
}

/** The room list after the user has read everything in `roomId`. */
export function markRoomRead(rooms: Room[], roomId: string): Room[] {
  return rooms.map((r) => (r.id === roomId && r.unreadCount !== 0 ? { ...r, unreadCount: 0 } : r));
}

/** The room list with `room` added or refreshed (after create, join, DM open). */
export function upsertRoom(rooms: Room[], room: Room): Room[] {
  return rooms.some((r) => r.id === room.id) ? rooms.map((r) => (r.id === room.id ? room : r)) : [...rooms, room];
}
