import { sql, type SQL } from 'drizzle-orm';
import type { EitherSchema } from '@chat/db';

// Who may read what, written once for both engines: either dialect's queries take these
// conditions, given that engine's tables.

/** `rooms` rows that `userId` may read: every public room, and the rooms they belong to. */
export const readableRoom = ({ rooms, roomMembers }: EitherSchema, userId: number): SQL =>
  sql`(${rooms.kind} = 'public' OR EXISTS (SELECT 1 FROM ${roomMembers} WHERE ${roomMembers.roomId} = ${rooms.id} AND ${roomMembers.userId} = ${userId}))`;

/**
 * `files` rows that `userId` may read: their own uploads, and files attached to a message that
 * is not deleted, in a room they may read.
 */
export function readableFile(t: EitherSchema, userId: number): SQL {
  const { files, messageAttachments, messages, rooms } = t;
  return sql`(${files.uploaderId} = ${userId} OR EXISTS (
    SELECT 1 FROM ${messageAttachments}
    JOIN ${messages} ON ${messages.id} = ${messageAttachments.messageId} AND ${messages.deletedAt} IS NULL
    JOIN ${rooms} ON ${rooms.id} = ${messages.roomId}
    WHERE ${messageAttachments.fileId} = ${files.id} AND ${readableRoom(t, userId)}))`;
}
