import type { Message } from '@chat/api-types';

/**
 * Where the "New messages" divider goes: before the first message after my read marker that
 * someone else wrote (and that was not deleted). With no marker (not a member), nowhere.
 */
export function firstUnread(messages: readonly Message[], lastReadSeq: number | null, myId: string): Message | null {
  if (lastReadSeq === null) return null;
  return messages.find((m) => m.seq > lastReadSeq && !m.deleted && m.author.id !== myId) ?? null;
}

/**
 * Whether the loaded messages reach the room's newest one (by the server's clock on both sides).
 * A room reopened from the cache is behind until its event stream has replayed what it missed,
 * and the divider has to wait for that, or it would miss the unread that are still on their way.
 */
export function caughtUp(messages: readonly Message[], lastMessageAt: string | null): boolean {
  const newest = messages.at(-1);
  if (lastMessageAt === null) return true;
  return newest !== undefined && Date.parse(newest.createdAt) >= Date.parse(lastMessageAt);
}

/** How many messages after `seenSeq` still count as unread for me: walks back from the newest, through the unread only. */
export function unreadAfter(messages: readonly Message[], seenSeq: number, myId: string): number {
  let unread = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!m || m.seq <= seenSeq) break;
    if (!m.deleted && m.author.id !== myId) unread++;
  }
  return unread;
}
