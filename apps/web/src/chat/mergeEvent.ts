import type { Message, RoomEvent } from '@chat/api-types';
import { reachesNewest, type History } from './history.ts';

/**
 * How far a message has moved on: a tombstone is final, and a later edit beats an earlier one.
 * Lets late echoes (e.g. the send mutation's answer arriving after an `updated` event) lose.
 */
function version(message: Message): number {
  if (message.deleted) return Number.POSITIVE_INFINITY;
  return message.editedAt ? Date.parse(message.editedAt) : 0;
}

function withLastEventId(history: History, eventId: string | undefined): History {
  const first = history.pages[0];
  if (eventId === undefined || !first || first.lastEventId === eventId) return history;
  return { ...history, pages: [{ ...first, lastEventId: eventId }, ...history.pages.slice(1)] };
}

function replaceAt(history: History, pageIndex: number, messageIndex: number, message: Message): History {
  const pages = history.pages.map((page, p) =>
    p === pageIndex ? { ...page, messages: page.messages.map((m, i) => (i === messageIndex ? message : m)) } : page,
  );
  return { ...history, pages };
}

/**
 * Whether `message` belongs inside the span of history the cache holds: older ones arrive with
 * older pages, and newer ones, while the cache is a window short of the newest, with newer pages.
 */
function withinLoadedSpan(history: History, message: Message): boolean {
  const oldestPage = history.pages[history.pages.length - 1];
  const oldest = oldestPage?.nextCursor === null ? undefined : oldestPage?.messages[0];
  const newest = reachesNewest(history) ? undefined : history.pages[0]?.messages.at(-1);
  return (oldest === undefined || message.seq > oldest.seq) && (newest === undefined || message.seq < newest.seq);
}

/** Inserts into the page whose span covers the message's seq, keeping every page oldest-first. */
function insertInOrder(history: History, message: Message): History {
  const last = history.pages.length - 1;
  if (last < 0) return history;
  let target = 0;
  while (target < last && (history.pages[target]?.messages[0]?.seq ?? Number.NEGATIVE_INFINITY) > message.seq) target++;
  const pages = history.pages.map((page, p) => {
    if (p !== target) return page;
    const messages = [...page.messages];
    let at = messages.length;
    while (at > 0 && (messages[at - 1]?.seq ?? 0) > message.seq) at--;
    messages.splice(at, 0, message);
    return { ...page, messages };
  });
  return { ...history, pages };
}

/**
 * Applies one room event to the cached history without ever duplicating a message:
 * a known id is replaced (if the event is not older than what we hold), an unknown one is
 * inserted in sequence order. `eventId` (absent for mutation answers) becomes the
 * cache's resume point for the next subscription. Returns `history` itself when nothing changed.
 */
export function mergeEvent(history: History, event: RoomEvent, eventId?: string): History {
  const { message } = event;
  for (let p = 0; p < history.pages.length; p++) {
    const index = history.pages[p]?.messages.findIndex((m) => m.id === message.id) ?? -1;
    if (index === -1) continue;
    const current = history.pages[p]?.messages[index];
    if (!current) break;
    const newer = version(message) > version(current) || (version(message) === version(current) && event.type !== 'created');
    return withLastEventId(newer ? replaceAt(history, p, index, message) : history, eventId);
  }
  const next = withinLoadedSpan(history, message) ? insertInOrder(history, message) : history;
  return withLastEventId(next, eventId);
}
