import type { Message, Room, RoomNotice, User } from '@chat/api-types';

export const alice: User = { id: '1', username: 'alice', displayName: 'Alice' };
export const bob: User = { id: '2', username: 'bob', displayName: 'Bob' };
export const carol: User = { id: '3', username: 'carol', displayName: 'Carol' };

/** A message whose id, seq and times all follow from `seq`, so tests read as sequences. */
export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: String(seq),
    roomId: '10',
    seq,
    author: alice,
    body: `message ${seq}`,
    clientMsgId: `c${seq}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deleted: false,
    attachments: [],
    replyTo: null,
    threadRootId: null,
    replyCount: 0,
    reactions: [],
    pinned: null,
    notice: null,
    ...overrides,
  };
}

/** A notice of a change to the room, by `author`, at `seq`. */
export function notice(seq: number, what: RoomNotice, author: User = alice): Message {
  return message(seq, { author, notice: what, body: `changed the room (${what.kind})` });
}

/** A joined public room with nothing unread. */
export function room(overrides: Partial<Room> = {}): Room {
  return {
    id: '10',
    name: 'General',
    topic: '',
    kind: 'public',
    memberCount: 2,
    joined: true,
    unreadCount: 0,
    lastMessageAt: null,
    lastReadSeq: 0,
    role: 'member',
    archived: false,
    notificationLevel: 'mentions',
    ...overrides,
  };
}
