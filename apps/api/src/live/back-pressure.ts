import type { WebSocket } from 'ws';

/** Past these, a client is not keeping up; it is cut off and resumes from its lastEventId. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MAX_HELD_EVENTS = 5_000;

/**
 * Whether a subscriber has fallen too far behind: bytes its socket has not taken yet, or events
 * held for it while it catches up. A stuck reader must not grow server memory without bound,
 * and closing is safe because a resumed subscription loses nothing.
 */
export function isOverloaded(socket: WebSocket, held: number): boolean {
  return socket.bufferedAmount > MAX_BUFFERED_BYTES || held > MAX_HELD_EVENTS;
}
