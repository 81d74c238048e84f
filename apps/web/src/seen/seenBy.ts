import type { Message, ReadEvent, Room, User } from '@chat/api-types';

/**
 * Rooms this big or smaller show "Seen by" (direct rooms always): the server's default
 * SEEN_BY_MAX_MEMBERS, above which it refuses room.onReads. Beyond it the line would say little
 * ("and 80 others") and every read would be streamed to every member.
 */
export const SEEN_BY_MAX_MEMBERS = 50;

/** Names spelled out before the rest are counted ("Alice, Bob and 3 others"). */
const NAMED = 2;

export function showsSeenBy(room: Pick<Room, 'kind' | 'memberCount'>): boolean {
  return room.kind === 'direct' || room.memberCount <= SEEN_BY_MAX_MEMBERS;
}

/** Each member's read marker (user id → seq of the last message they read). */
export type Readers = ReadonlyMap<string, number>;

/** The markers after one event of room.onReads: a snapshot replaces them all, a read moves one forward. */
export function applyReadEvent(readers: Readers, event: ReadEvent): Readers {
  if (event.type === 'snapshot') return new Map(event.readers.map((r) => [r.userId, r.lastReadSeq]));
  if ((readers.get(event.userId) ?? 0) >= event.lastReadSeq) return readers;
  return new Map(readers).set(event.userId, event.lastReadSeq);
}

/** Who has seen a message, among those it could be news to: `everyone` when all of them (three or more) have. */
export interface Seen {
  users: User[];
  everyone: boolean;
}

/**
 * The members, other than its author and me, whose marker has reached the message, by name (as
 * the members dialog lists them). Readers the member list does not know (yet, or any more) have
 * no name to show.
 */
export function whoHasSeen(message: Pick<Message, 'seq' | 'author'>, readers: Readers, members: readonly User[], myId: string): Seen {
  const others = members.filter((u) => u.id !== myId && u.id !== message.author.id);
  const users = others.filter((u) => (readers.get(u.id) ?? 0) >= message.seq).sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { users, everyone: others.length > NAMED && users.length === others.length };
}

/** "Seen by Alice", "Seen by Alice and Bob", "Seen by Alice, Bob and 3 others", "Seen by everyone"; null for nobody. */
export function seenByText({ users, everyone }: Seen): string | null {
  const [first, second] = users.map((u) => u.displayName);
  if (first === undefined) return null;
  if (everyone) return 'Seen by everyone';
  if (second === undefined) return `Seen by ${first}`;
  const rest = users.length - NAMED;
  if (rest === 0) return `Seen by ${first} and ${second}`;
  return `Seen by ${first}, ${second} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
}
