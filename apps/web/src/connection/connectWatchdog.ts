import type { TRPCWebSocketClient } from '@trpc/client';

/** Longer than any healthy handshake; a black-holed network never answers at all. */
const CONNECT_TIMEOUT_MS = 8_000;

/**
 * tRPC waits for a socket that is still connecting without any time limit, and a connection
 * attempt into a dead network (or one started while the browser was offline) may never end:
 * the client would sit at "Reconnecting…" for minutes. This closes such a socket after a
 * while, or as soon as the browser is back online, so tRPC moves on to its next attempt.
 */
export function watchConnectAttempts(ws: TRPCWebSocketClient): () => void {
  let watched: { id: number; since: number } | null = null;

  const abandonConnecting = (olderThanMs: number) => {
    const connection = ws.connection;
    if (connection?.state !== 'connecting') {
      watched = null;
      return;
    }
    if (watched?.id !== connection.id) watched = { id: connection.id, since: Date.now() };
    if (Date.now() - watched.since >= olderThanMs) connection.ws.close();
  };

  const timer = setInterval(() => abandonConnecting(CONNECT_TIMEOUT_MS), 1_000);
  const onOnline = () => abandonConnecting(0);
  window.addEventListener('online', onOnline);
  return () => {
    clearInterval(timer);
    window.removeEventListener('online', onOnline);
  };
}
