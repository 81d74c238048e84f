import type { WebSocket } from 'ws';
import type { App } from '../app.ts';

/** Past these, a client is not keeping up; it is cut off and resumes from its lastEventId. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
export const MAX_QUEUED_EVENTS = 5_000;

/**
 * Returns a check to run after queueing for the socket: a stuck reader must not grow server
 * memory without bound, and closing is safe because a resumed subscription loses nothing.
 */
export function guardSocket(app: App, socket: WebSocket | null): (queued: number) => void {
  return (queued) => {
    if (!socket || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount <= MAX_BUFFERED_BYTES && queued <= MAX_QUEUED_EVENTS) return;
    app.metrics.slowConsumersClosed.inc();
    app.log.warn({ bufferedAmount: socket.bufferedAmount, queued }, 'closing a socket that is not keeping up');
    socket.terminate();
  };
}
