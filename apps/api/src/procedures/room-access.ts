import type { App } from '../app.ts';
import { DomainError } from '../storage/errors.ts';
import type { RoomRole } from '@chat/api-types';
import type { RoomSummary } from '../storage/store.ts';

async function findRoom(app: App, roomId: string): Promise<RoomSummary> {
  const room = await app.store.getRoomSummary(roomId);
  if (!room) throw new DomainError('NOT_FOUND', 'room not found');
  return room;
}

/** Public rooms are readable by every signed-in user; private and direct ones by members only. */
export async function requireReadable(app: App, roomId: string, userId: string): Promise<RoomSummary> {
  const room = await findRoom(app, roomId);
  if (room.kind !== 'public' && !(await app.store.isMember(roomId, userId))) {
    throw new DomainError('FORBIDDEN', 'you are not a member of this room');
  }
  return room;
}

/**
 * Membership alone, for calls that need nothing of the room (send, typing, reading): in a room
 * followed live here, a member is read from the database once, not on every call (known-members.ts).
 */
export async function requireMembership(app: App, roomId: string, userId: string): Promise<void> {
  const known = app.roomListeners.knownMembers(roomId);
  if (known?.has(userId)) return;
  const mark = known?.mark();
  await requireMember(app, roomId, userId);
  if (known && mark !== undefined) known.add(userId, mark);
}

/** Forgets at once, on this process, a membership that just ended; other processes learn it from `member-left`. */
export function membershipEnded(app: App, roomId: string, userId: string): void {
  app.roomListeners.knownMembers(roomId)?.left(userId);
}

/** Writing (send, typing, inviting) needs membership in every kind of room. */
export async function requireMember(app: App, roomId: string, userId: string): Promise<RoomSummary> {
  const room = await findRoom(app, roomId);
  if (!(await app.store.isMember(roomId, userId))) {
    throw new DomainError('FORBIDDEN', 'join the room first');
  }
  return room;
}

/**
 * Looking after a room (renaming it, removing members, …) is for those of its members with one
 * of `roles`, and for the server admin in every room; a direct room has no one to look after it.
 */
export async function requireRoomRole(app: App, roomId: string, userId: string, roles: readonly RoomRole[]): Promise<RoomSummary> {
  const room = await findRoom(app, roomId);
  const role = await app.store.roleIn(roomId, userId);
  if (!(role && roles.includes(role)) && !(await app.store.getAccount(userId))?.serverAdmin) {
    const who = roles.includes('admin') ? "the room's owner and admins" : "the room's owner";
    throw new DomainError('FORBIDDEN', `only ${who} may do this`);
  }
  if (room.kind === 'direct') throw new DomainError('BAD_REQUEST', 'roomId: a direct message is looked after by no one');
  return room;
}
