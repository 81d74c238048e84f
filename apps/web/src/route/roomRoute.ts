import { useSyncExternalStore } from 'react';

/**
 * The open room lives in the URL hash, so reloads, links and the back button all work without
 * a router. `#/room/12/message/345` also names a message to bring into view (from search).
 */
const pattern = /^#\/room\/([0-9]+)(?:\/message\/([0-9]+))?$/;

export function roomHref(roomId: string, messageId?: string): string {
  return messageId ? `#/room/${roomId}/message/${messageId}` : `#/room/${roomId}`;
}

export function openRoom(roomId: string | null, messageId?: string): void {
  location.hash = roomId === null ? '' : roomHref(roomId, messageId);
}

/** Changes the URL without a new history entry (a default room, a jump that has been made). */
export function replaceRoute(roomId: string): void {
  history.replaceState(null, '', roomHref(roomId));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** For useSyncExternalStore: calls back whenever the hash route changes. */
export function subscribeToRoute(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** The open room, for code that runs outside rendering (an event handler deciding whether to move on). */
export function currentRoomId(): string | null {
  return pattern.exec(location.hash)?.[1] ?? null;
}

export function useActiveRoomId(): string | null {
  return useSyncExternalStore(subscribeToRoute, currentRoomId);
}

export function useFocusedMessageId(): string | null {
  return useSyncExternalStore(subscribeToRoute, () => pattern.exec(location.hash)?.[2] ?? null);
}
