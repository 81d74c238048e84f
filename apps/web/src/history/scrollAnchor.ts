/**
 * Where a reader left a room: the message at the top of the view and how far below the top
 * edge it sat. Kept per tab (sessionStorage), so a reload, or coming back to the room, puts
 * them back in place; reading at the bottom stores nothing and a room opens at the newest.
 */
export interface ScrollAnchor {
  messageId: string;
  offset: number;
}

const key = (roomId: string) => `chat.scroll.${roomId}`;

export function loadAnchor(roomId: string): ScrollAnchor | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key(roomId)) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { messageId, offset } = value as Record<string, unknown>;
    return typeof messageId === 'string' && typeof offset === 'number' ? { messageId, offset } : null;
  } catch {
    return null;
  }
}

/** What each room's entry holds, so a scroll that changes nothing writes nothing. */
const saved = new Map<string, string | null>();

/**
 * Called on every scroll event, including each step of following a busy room's newest (where
 * sessionStorage's synchronous writes added up to a tenth of a second per thousand messages).
 */
export function saveAnchor(roomId: string, anchor: ScrollAnchor | null): void {
  const text = anchor && JSON.stringify(anchor);
  if (saved.get(roomId) === text) return;
  saved.set(roomId, text);
  try {
    if (text) sessionStorage.setItem(key(roomId), text);
    else sessionStorage.removeItem(key(roomId));
  } catch {
    // The place is simply not remembered.
  }
}

/** The message at the top edge of the scroller and how far below that edge it sits. */
export function visibleAnchor(scroller: HTMLElement): ScrollAnchor | null {
  const top = scroller.getBoundingClientRect().top;
  for (const element of scroller.querySelectorAll<HTMLElement>('[data-message-id]')) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom > top) return { messageId: element.dataset.messageId ?? '', offset: rect.top - top };
  }
  return null;
}

export function messageElement(scroller: HTMLElement, messageId: string): HTMLElement | null {
  return scroller.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
}

/** Scrolls so the anchor's message sits where it did; false when it is not in the list. */
export function restoreAnchor(scroller: HTMLElement, anchor: ScrollAnchor): boolean {
  const element = messageElement(scroller, anchor.messageId);
  if (!element) return false;
  scroller.scrollBy({ top: element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset });
  return true;
}
