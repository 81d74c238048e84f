import { randomUUID } from 'node:crypto';
import type { RoomNotice, RoomRole, User } from '@chat/api-types';
import { and, eq } from 'drizzle-orm';
import { pgSchema, type PgDb } from '@chat/db/postgres';
import { DomainError } from './errors.ts';
import { logEvent, nextSeq } from './postgres-events.ts';
import { dropUnattachedFiles } from './postgres-files.ts';
import { authorColumns, isUniqueViolation, type Q } from './postgres-queries.ts';
import { num, toUser } from './rows.ts';
import { noticeBody } from './room-notices.ts';
import type { RoomChange, StoredEvent } from './store.ts';

// Rooms that someone looks after, on PostgreSQL: the ChatStore methods that change a room, each
// told in the room's timeline by a notice. Each locks the room's row before anything else, as
// sends and deletions do, so that none of them waits for another in the opposite order.

const { messageAttachments, messages, roomMembers, rooms, users } = pgSchema;

type MemberChange = RoomChange & { userId: string };

/** Names are unique among public and private rooms whatever their case. */
export const nameTaken = (name: string) => new DomainError('CONFLICT', `a room named "${name}" already exists`);

/** The room's row, locked until commit: 'update' to delete it. */
async function lockRoom(tx: Q, roomId: number, strength: 'update' | 'no key update' = 'no key update') {
  const [room] = await tx
    .select({ name: rooms.name, topic: rooms.topic, kind: rooms.kind, archivedAt: rooms.archivedAt })
    .from(rooms)
    .where(eq(rooms.id, roomId))
    .for(strength);
  if (!room) throw new DomainError('NOT_FOUND', 'room not found');
  return room;
}

/** A public or private room's row, locked until commit: a direct room is named after its members and never archived. */
async function lockSharedRoom(tx: Q, roomId: number) {
  const room = await lockRoom(tx, roomId);
  if (room.kind === 'direct') throw new DomainError('BAD_REQUEST', 'roomId: a direct room cannot be changed');
  return room;
}

/**
 * Stores the notice as a message of the actor's, and its `created` event, under the room's next
 * sequence number. Its clientMsgId is random: the actor's own sends never name it.
 */
async function postNotice(tx: Q, change: RoomChange, notice: RoomNotice): Promise<StoredEvent> {
  const roomId = num(change.roomId);
  const seq = await nextSeq(tx, roomId, change.now);
  const [message] = await tx
    .insert(messages)
    .values({
      roomId,
      authorId: num(change.actorId),
      seq,
      body: noticeBody(notice),
      clientMsgId: `notice:${randomUUID()}`,
      createdAt: change.now,
      notice: JSON.stringify(notice),
    })
    .returning({ id: messages.id, roomId: messages.roomId });
  return logEvent(tx, { message: message!, seq, type: 'created', now: change.now, actor: null });
}

export async function updateRoom(db: PgDb, input: RoomChange & { name?: string; topic?: string }): Promise<StoredEvent[]> {
  const roomId = num(input.roomId);
  try {
    return await db.transaction(async (tx) => {
      const room = await lockSharedRoom(tx, roomId);
      const told: StoredEvent[] = [];
      if (input.name !== undefined && input.name !== room.name) {
        await tx.update(rooms).set({ name: input.name, nameKey: input.name.toLowerCase() }).where(eq(rooms.id, roomId));
        told.push(await postNotice(tx, input, { kind: 'renamed', name: input.name }));
      }
      if (input.topic !== undefined && input.topic !== room.topic) {
        await tx.update(rooms).set({ topic: input.topic }).where(eq(rooms.id, roomId));
        told.push(await postNotice(tx, input, { kind: 'topic-changed', topic: input.topic }));
      }
      return told;
    });
  } catch (err) {
    if (input.name !== undefined && isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function setArchived(db: PgDb, input: RoomChange & { archived: boolean }): Promise<StoredEvent | null> {
  const roomId = num(input.roomId);
  return db.transaction(async (tx) => {
    const room = await lockSharedRoom(tx, roomId);
    if ((room.archivedAt !== null) === input.archived) return null;
    const mark = () => tx.update(rooms).set({ archivedAt: input.archived ? input.now : null }).where(eq(rooms.id, roomId));
    // An archived room takes no notice (nextSeq): archiving's is the last it takes, unarchiving's the first.
    if (!input.archived) await mark();
    const told = await postNotice(tx, input, { kind: input.archived ? 'archived' : 'unarchived' });
    if (input.archived) await mark();
    return told;
  });
}

export async function setRole(db: PgDb, input: MemberChange & { role: 'admin' | 'member' }): Promise<StoredEvent | null> {
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input);
    if (!member) throw new DomainError('NOT_FOUND', 'userId: not a member of this room');
    if (member.role === input.role) return null;
    await tx.update(roomMembers).set({ role: input.role }).where(membership(input));
    return postNotice(tx, input, { kind: 'role-changed', user: member.user, role: input.role });
  });
}

export async function removeMemberBy(db: PgDb, input: MemberChange): Promise<StoredEvent | null> {
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input);
    if (!member) return null;
    await tx.delete(roomMembers).where(membership(input));
    return postNotice(tx, input, { kind: 'member-removed', user: member.user });
  });
}

const membership = (input: MemberChange) => and(eq(roomMembers.roomId, num(input.roomId)), eq(roomMembers.userId, num(input.userId)));

/**
 * The member whose role or place is to change, locked until commit (after the room, see above);
 * null when not a member. The owner's role and place never change: BAD_REQUEST.
 */
async function lockMember(tx: Q, input: MemberChange): Promise<{ role: RoomRole; user: User } | null> {
  await lockRoom(tx, num(input.roomId));
  const [member] = await tx
    .select({ role: roomMembers.role, user: authorColumns })
    .from(roomMembers)
    .innerJoin(users, eq(users.id, roomMembers.userId))
    .where(membership(input))
    .for('update', { of: roomMembers });
  if (member?.role === 'owner') throw new DomainError('BAD_REQUEST', "userId: the room's owner keeps their role and place");
  return member ? { role: member.role, user: toUser(member.user) } : null;
}

export async function deleteRoom(db: PgDb, roomId: string): Promise<{ memberIds: string[]; unusedBlobs: string[] }> {
  const id = num(roomId);
  return db.transaction(async (tx) => {
    // Held for the deletion from the start: no one joins, and no send attaches a file here, meanwhile.
    await lockRoom(tx, id, 'update');
    const members = await tx.select({ userId: roomMembers.userId }).from(roomMembers).where(eq(roomMembers.roomId, id));
    const attached = await tx
      .selectDistinct({ fileId: messageAttachments.fileId })
      .from(messageAttachments)
      .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
      .where(eq(messages.roomId, id));
    // Its members, messages and events go with it, and with its messages their files' links, reactions and thread read markers.
    await tx.delete(rooms).where(eq(rooms.id, id));
    const unusedBlobs = await dropUnattachedFiles(tx, attached.map((a) => a.fileId));
    return { memberIds: members.map((m) => String(m.userId)), unusedBlobs };
  });
}
