import type { RoomEvent, User } from '@chat/api-types';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { pgSchema } from '@chat/db/postgres';
import { DomainError } from './errors.ts';
import { messageWhere, type MessageRow } from './postgres-message-extras.ts';
import { authorColumns, type Q } from './postgres-queries.ts';
import { toRoomEvent, toUser } from './rows.ts';
import type { StoredEvent } from './store.ts';

// A room's event sequence on PostgreSQL, for every change but sends (those go as one statement
// per batch: postgres-sends.ts). Each runs in the caller's transaction.

const { events, messages, rooms, users } = pgSchema;

export type EventType = RoomEvent['type'];
/** Who reacted or pinned, and the emoji of a reaction: what the message row does not say. */
export type Actor = { userId: number; detail: string | null };

/**
 * Claims the room's next sequence number, and for a new message its time; the row stays locked
 * until the caller commits. An archived room gives none: every change of a sequence claims its
 * number here, so the rule costs no read of its own.
 */
export async function nextSeq(tx: Q, roomId: number, messageAt?: number): Promise<number> {
  const [row] = await tx
    .update(rooms)
    .set({ lastSeq: sql`${rooms.lastSeq} + 1`, lastMessageAt: messageAt })
    .where(and(eq(rooms.id, roomId), isNull(rooms.archivedAt)))
    .returning({ lastSeq: rooms.lastSeq });
  if (!row) throw await roomRefusal(tx, roomId);
  return row.lastSeq;
}

/** Why the room gave no sequence number: it is gone, or archived. */
export async function roomRefusal(q: Q, roomId: number): Promise<DomainError> {
  const [room] = await q.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId));
  return room ? new DomainError('BAD_REQUEST', 'roomId: the room is archived') : new DomainError('NOT_FOUND', 'room not found');
}

/** Logs the change of the message under the room's next sequence number, with the message as it is now. */
export async function appendEvent(tx: Q, message: MessageRow, type: EventType, now: number, actor: Actor | null = null): Promise<StoredEvent> {
  return logEvent(tx, { message, seq: await nextSeq(tx, message.roomId), type, now, actor });
}

/** Logs an event under `seq`, which the caller claimed with nextSeq, with the message as it is now. */
export async function logEvent(
  tx: Q,
  event: { message: Pick<MessageRow, 'id' | 'roomId'>; seq: number; type: EventType; now: number; actor: Actor | null },
): Promise<StoredEvent> {
  const { message, seq, type } = event;
  const actorId = event.actor?.userId ?? null;
  const detail = event.actor?.detail ?? null;
  await tx.insert(events).values({ roomId: message.roomId, seq, type, messageId: message.id, actorId, detail, createdAt: event.now });
  const current = await messageWhere(tx, eq(messages.id, message.id));
  const by = actorId === null ? null : await userIn(tx, actorId);
  if (!current) throw new Error(`message ${message.id} vanished inside its own transaction`);
  return { roomId: String(message.roomId), seq, payload: toRoomEvent(type, current, by, detail) };
}

async function userIn(q: Q, userId: number): Promise<User | null> {
  const [row] = await q.select(authorColumns).from(users).where(eq(users.id, userId));
  return row ? toUser(row) : null;
}
