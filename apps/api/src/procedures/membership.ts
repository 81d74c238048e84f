import type { Room } from '@chat/api-types';
import type { App } from '../app.ts';
import { DomainError } from '../storage/errors.ts';
import { roomChannel } from '../fanout/fanout.ts';
import { notifyRoomsChanged } from '../live/user-events.ts';
import { membershipEnded } from './room-access.ts';

/** Everyone in the room, and whoever just joined or left it, sees the room's member count change at once. */
export async function notifyMembership(app: App, roomId: string, alsoUserId: string): Promise<void> {
  const members = await app.store.listMembers(roomId);
  await notifyRoomsChanged(app, [alsoUserId, ...members.map((m) => m.user.id)]);
}

/** After a member left or was removed: forgotten here at once, and everywhere once `member-left` arrives. */
export async function membershipGone(app: App, roomId: string, userId: string): Promise<void> {
  membershipEnded(app, roomId, userId);
  // Ends this user's running streams of a room they may no longer read.
  await app.fanout.publish(roomChannel(roomId), { kind: 'member-left', roomId, userId });
  await notifyMembership(app, roomId, userId);
}

export async function roomAsSeenBy(app: App, roomId: string, userId: string): Promise<Room> {
  const room = await app.store.getRoom(roomId, userId);
  if (!room) throw new DomainError('NOT_FOUND', 'room not found');
  return room;
}
