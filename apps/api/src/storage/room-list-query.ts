import type { NotificationLevel, Room, RoomRole } from '@chat/api-types';
import { aliasedTable, sql, type SQL } from 'drizzle-orm';
import type { EitherSchema } from '@chat/db';
import { readableRoom } from './access-conditions.ts';
import { iso } from './rows.ts';

/**
 * A row of `roomListQuery` as either driver returns it: PostgreSQL's raw rows carry 64-bit
 * integers as strings and `joined` as a boolean; SQLite's carry numbers and 0 or 1.
 */
export type RoomListRow = {
  id: number | string;
  name: string;
  topic: string;
  kind: Room['kind'];
  dm_key: string | null;
  last_message_at: number | string | null;
  member_count: number | string;
  joined: number | boolean;
  unread: number | string;
  last_read_seq: number | string;
  role: RoomRole | null;
  archived: number | boolean;
  notification_level: NotificationLevel | null;
};

/**
 * Rooms as `viewerId` sees them (every public room and the rooms they belong to), or only room
 * `roomId`, with their unread counts: public and private rooms first, each part in `byName` order.
 */
export function roomListQuery(t: EitherSchema, viewerId: number, roomId: number | null, byName: SQL): SQL {
  const { rooms, roomMembers, messages } = t;
  const mine = aliasedTable(roomMembers, 'mine');
  return sql`
    SELECT ${rooms.id} AS id, ${rooms.name} AS name, ${rooms.topic} AS topic, ${rooms.kind} AS kind,
      ${rooms.dmKey} AS dm_key, ${rooms.lastMessageAt} AS last_message_at,
      (SELECT count(*) FROM ${roomMembers} WHERE ${roomMembers.roomId} = ${rooms.id}) AS member_count,
      ${mine.userId} IS NOT NULL AS joined,
      CASE WHEN ${mine.userId} IS NULL THEN 0 ELSE
        (SELECT count(*) FROM ${messages}
          WHERE ${messages.roomId} = ${rooms.id} AND ${messages.seq} > ${mine.lastReadSeq}
            AND ${messages.deletedAt} IS NULL AND ${messages.authorId} <> ${viewerId})
      END AS unread,
      coalesce(${mine.lastReadSeq}, 0) AS last_read_seq,
      ${mine.role} AS role, ${rooms.archivedAt} IS NOT NULL AS archived,
      ${mine.notificationLevel} AS notification_level
    FROM ${rooms}
    LEFT JOIN ${roomMembers} AS ${mine} ON ${mine.roomId} = ${rooms.id} AND ${mine.userId} = ${viewerId}
    WHERE ${readableRoom(t, viewerId)} ${roomId === null ? sql`` : sql`AND ${rooms.id} = ${roomId}`}
    ORDER BY ${rooms.kind} = 'direct', ${byName}`;
}

/** A room of the list, named `name` (the caller names direct rooms after the other member). */
export const toRoom = (row: RoomListRow, name: string): Room => ({
  id: String(row.id),
  name,
  topic: row.topic,
  kind: row.kind,
  memberCount: Number(row.member_count),
  joined: Boolean(row.joined),
  unreadCount: Number(row.unread),
  lastMessageAt: iso(row.last_message_at === null ? null : Number(row.last_message_at)),
  lastReadSeq: Number(row.last_read_seq),
  role: row.role,
  archived: Boolean(row.archived),
  notificationLevel: row.notification_level ?? defaultNotificationLevel(row.kind),
});

/** A member's level until they choose one, and what a room I am not in would be. */
export const defaultNotificationLevel = (kind: Room['kind']): NotificationLevel => (kind === 'direct' ? 'all' : 'mentions');
