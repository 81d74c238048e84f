import type { WebSocket } from 'ws';

export interface KeepAliveOptions {
  /** A socket silent this long is sent "PING" (tRPC's clients answer "PONG"). */
  pingMs: number;
  /** … and closed when still silent this long after that. */
  pongWaitMs: number;
}

interface Watched {
  socket: WebSocket;
  /** When the client last sent anything. */
  lastSeen: number;
  /** When it was sent "PING" and has not answered since, else null. */
  pingedAt: number | null;
}

/**
 * Finds dead connections (a laptop that went to sleep leaves no close behind) with one timer
 * for all sockets instead of two per socket: each sweep pings the silent ones and terminates
 * those that stayed silent after their ping. Returns the function that stops it.
 */
export function startKeepAlive(connections: Iterable<Watched>, opts: KeepAliveOptions): () => void {
  const sweep = () => {
    const now = Date.now();
    for (const connection of connections) {
      const { socket } = connection;
      if (socket.readyState !== socket.OPEN) continue;
      if (connection.pingedAt === null && now - connection.lastSeen >= opts.pingMs) {
        connection.pingedAt = now;
        socket.send('PING');
      } else if (connection.pingedAt !== null && now - connection.pingedAt >= opts.pongWaitMs) {
        socket.terminate();
      }
    }
  };
  const timer = setInterval(sweep, Math.max(100, Math.min(opts.pingMs, opts.pongWaitMs) / 2));
  timer.unref();
  return () => clearInterval(timer);
}
