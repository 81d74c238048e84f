import type { Room, RoomMember } from '@chat/api-types';

/** What I may do to a room beyond taking part in it, as the server decides it (room-admin procedures). */
export interface RoomRights {
  /** Rename it, change its topic, archive it, remove members, delete anyone's message: its owner and admins. */
  looksAfter: boolean;
  /** Name admins and delete it: its owner. */
  owns: boolean;
}

const NO_RIGHTS: RoomRights = { looksAfter: false, owns: false };

/** The server admin has every right in every room; a direct room is looked after by no one. */
export function roomRights(room: Pick<Room, 'kind' | 'role'>, serverAdmin: boolean): RoomRights {
  if (room.kind === 'direct') return NO_RIGHTS;
  const owns = serverAdmin || room.role === 'owner';
  return { owns, looksAfter: owns || room.role === 'admin' };
}

/** What a message list lets me do to its messages (MessageListActions). */
export interface MessageRights {
  /** React, reply and pin: I am a member, and the room is not archived. */
  member: boolean;
  /** The room is archived: not even my own messages are edited or deleted. */
  readOnly: boolean;
  /** Delete anyone's message. */
  moderator: boolean;
}

export function messageRights(room: Pick<Room, 'joined' | 'archived'>, rights: RoomRights): MessageRights {
  return { member: room.joined && !room.archived, readOnly: room.archived, moderator: rights.looksAfter && !room.archived };
}

/** What I may do to one member in the members list. */
export interface MemberActions {
  /** The role a "Make admin" or "Remove admin" gives them; null when I may not change theirs. */
  nextRole: 'admin' | 'member' | null;
  remove: boolean;
}

/**
 * Nobody changes the owner's role or removes the owner; I leave a room rather than remove myself.
 * An archived room changes no roles and loses no members: its notices could not be written.
 */
export function memberActions(member: Pick<RoomMember, 'user' | 'role'>, room: Pick<Room, 'archived'>, rights: RoomRights, myId: string): MemberActions {
  if (room.archived || member.role === 'owner' || member.user.id === myId) return { nextRole: null, remove: false };
  return { nextRole: rights.owns ? (member.role === 'admin' ? 'member' : 'admin') : null, remove: rights.looksAfter };
}

/** How the members list names a role; members go unlabelled. */
export function roleLabel(role: RoomMember['role']): string | null {
  return role === 'owner' ? 'Owner' : role === 'admin' ? 'Admin' : null;
}
