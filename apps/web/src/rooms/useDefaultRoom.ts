import { useEffect } from 'react';
import type { Room } from '@chat/api-types';
import { replaceRoute } from '../route/roomRoute.ts';

const LAST_ROOM = 'chat.lastRoom';

function lastRoom(): string | null {
  try {
    return localStorage.getItem(LAST_ROOM);
  } catch {
    return null;
  }
}

/**
 * With no room in the URL, opens the one the user had open last, or General (every account is
 * a member), so the screen always shows a conversation rather than an empty pane.
 */
export function useDefaultRoom(activeRoomId: string | null, rooms: readonly Room[] | undefined) {
  // Apart from the choice below: the room list changes with every message, and localStorage
  // writes are synchronous (a busy room paid a quarter of a second for them per thousand messages).
  useEffect(() => {
    if (activeRoomId === null) return;
    try {
      localStorage.setItem(LAST_ROOM, activeRoomId);
    } catch {
      // Not remembered; General it is next time.
    }
  }, [activeRoomId]);
  useEffect(() => {
    if (activeRoomId !== null || !rooms) return;
    const joined = rooms.filter((r) => r.joined);
    const target = joined.find((r) => r.id === lastRoom()) ?? joined.find((r) => r.name === 'General') ?? joined[0];
    if (target) replaceRoute(target.id);
  }, [activeRoomId, rooms]);
}
