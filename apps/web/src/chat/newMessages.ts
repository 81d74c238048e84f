import type { Message } from '@chat/api-types';

/**
 * Where the "New messages" divider goes: before the oldest of the last `unreadCount` messages
 * the server counts as unread (someone else's, not deleted). With more unread than loaded,
 * it goes above the oldest loaded one; with none, nowhere.
 */
export function firstUnreadId(messages: readonly Message[], unreadCount: number, myId: string): string | null {
  if (unreadCount <= 0) return null;
  let counted = 0;
  let oldest: Message | undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.deleted || message.author.id === myId) continue;
    oldest = message;
    if (++counted === unreadCount) break;
  }
  return oldest?.id ?? null;
}

/** How many messages after `seenSeq` still count as unread for me. */
export function unreadAfter(messages: readonly Message[], seenSeq: number, myId: string): number {
  return messages.filter((m) => m.seq > seenSeq && !m.deleted && m.author.id !== myId).length;
}
