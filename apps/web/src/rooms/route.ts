import { useSyncExternalStore } from 'react';

/** The open room lives in the URL hash, so reloads, links and the back button all work without a router. */
const pattern = /^#\/room\/([0-9]+)$/;

export function roomHref(roomId: string): string {
  return `#/room/${roomId}`;
}

export function openRoom(roomId: string | null): void {
  location.hash = roomId === null ? '' : roomHref(roomId);
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useActiveRoomId(): string | null {
  return useSyncExternalStore(subscribe, () => pattern.exec(location.hash)?.[1] ?? null);
}
