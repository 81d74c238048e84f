import type { InfiniteData } from '@tanstack/react-query';
import type { Message, RouterOutputs } from '@chat/api-types';

export type HistoryPage = RouterOutputs['message']['history'];
/** Cached history of one room: pages[0] is the newest page; each page is oldest-first. */
export type History = InfiniteData<HistoryPage, string | null>;

export const HISTORY_PAGE_SIZE = 50;

export function historyKey(roomId: string) {
  return ['chat', 'history', roomId] as const;
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
