import type { InfiniteData } from '@tanstack/react-query';
import type { Message, RouterOutputs } from '@chat/api-types';

export type HistoryPage = RouterOutputs['message']['history'];
/** Where a page was read from: older or newer than a cursor, or around a message (a search hit). */
export type HistoryParam = { before: string | null } | { after: string } | { around: string };
/**
 * Cached history of one room: pages[0] is the newest page; each page is oldest-first. It is
 * usually the live tail, but after a jump to an old message it is a window around it, which
 * grows both ways; `pages[0].newerCursor` is null once the window reaches the newest message.
 */
export type History = InfiniteData<HistoryPage, HistoryParam>;

export const HISTORY_PAGE_SIZE = 50;

export function historyKey(roomId: string) {
  return ['chat', 'history', roomId] as const;
}

/** Whether the cache holds the room's newest messages, so live messages belong at its end. */
export function reachesNewest(history: History | undefined): boolean {
  return (history?.pages[0]?.newerCursor ?? null) === null;
}

/** All cached messages, oldest first, each id once (pages never overlap, but a live append may race a page fetch). */
export function flattenHistory(history: History | undefined): Message[] {
  if (!history) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (let p = history.pages.length - 1; p >= 0; p--) {
    for (const message of history.pages[p]?.messages ?? []) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      out.push(message);
    }
  }
  return out;
}
