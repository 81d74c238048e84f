import type { RoomEvent } from '@chat/api-types';
import type { MessageRow } from '@chat/db';
import { DomainError } from './errors.ts';
import { toRoomEvent } from './rows.ts';
import type { Known, MessageHydrator } from './sqlite-message-extras.ts';
import type { HotStatements } from './sqlite-statements.ts';
import type { StoredEvent } from './store.ts';

type EventType = RoomEvent['type'];

/** Who made a reaction or pin event, and its emoji. */
export interface EventActor {
  userId: number;
  detail: string | null;
}

/**
 * A room's event sequence, which sends, changes to messages and notices of changes to the room
 * all add to. Everything here runs inside the caller's transaction, which holds SQLite's write lock.
 */
export class RoomLog {
  constructor(
    private readonly hot: HotStatements,
    private readonly hydrator: MessageHydrator,
  ) {}

  /** Claims the room's next sequence number (and, for a new message, its time). */
  nextSeq(roomId: number, messageAt: number | null): number {
    const row = this.hot.nextSeq.get(messageAt, roomId);
    if (row) return row.lastSeq;
    // Only a refused claim reads the room, to tell why: a send pays for no read of its own.
    if (!this.hot.roomSummary.get(roomId)) throw new DomainError('NOT_FOUND', 'room not found');
    throw new DomainError('BAD_REQUEST', 'roomId: the room is archived');
  }

  /** The event of a change to a message, under its room's next sequence number. */
  record(row: MessageRow, type: EventType, now: number, actor: EventActor | null = null): StoredEvent {
    return this.append(row, this.nextSeq(row.roomId, null), type, now, {}, actor);
  }

  append(row: MessageRow, seq: number, type: EventType, now: number, known: Known, actor: EventActor | null = null): StoredEvent {
    this.hot.insertEvent.run(row.roomId, seq, type, row.id, actor?.userId ?? null, actor?.detail ?? null, now);
    const message = this.hydrator.one(row, known);
    const by = actor && this.hydrator.user(actor.userId);
    return { roomId: String(row.roomId), seq, payload: toRoomEvent(type, message, by, actor?.detail ?? null) };
  }
}
