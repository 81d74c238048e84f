import type { NotificationLevel, RoomReader } from '@chat/api-types';
import { sql, type SQL } from 'drizzle-orm';
import type { EitherSchema } from '@chat/db';
import { num } from './rows.ts';

// What a member keeps of a room for themselves (how far they read, what notifies them), written
// once for both engines: either dialect's statements take these conditions, given its tables.

/** The member's own row of the room. */
export const memberRow = ({ roomMembers }: EitherSchema, roomId: string, userId: string): SQL =>
  sql`${roomMembers.roomId} = ${num(roomId)} AND ${roomMembers.userId} = ${num(userId)}`;

/**
 * The member's row when `seq` moves its read marker forward: a marker never moves back, and an
 * update that matches nothing tells the caller there is nothing to announce.
 */
export const readsBefore = (t: EitherSchema, roomId: string, userId: string, seq: number): SQL =>
  sql`${memberRow(t, roomId, userId)} AND ${t.roomMembers.lastReadSeq} < ${seq}`;

/** The member's row when it holds another level than `level` (or none yet), so setting it again changes nothing. */
export const levelOtherThan = (t: EitherSchema, roomId: string, userId: string, level: NotificationLevel): SQL =>
  sql`${memberRow(t, roomId, userId)} AND (${t.roomMembers.notificationLevel} IS NULL OR ${t.roomMembers.notificationLevel} <> ${level})`;

export const toReader = (row: { userId: number; lastReadSeq: number }): RoomReader => ({
  userId: String(row.userId),
  lastReadSeq: Number(row.lastReadSeq),
});
