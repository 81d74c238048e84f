import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { PROTOCOL_VERSION } from '@chat/api-types';
import { createWSClient, wsLink, type TRPCWebSocketClient } from '@trpc/client';
import { watchConnectAttempts } from '../connection/connectWatchdog.ts';
import { createConnectionStore, type ConnectionStore } from '../connection/connectionStore.ts';
import { PAGE_SIZE } from '../history/roomTimeline.ts';
import { Timelines } from '../history/timelines.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc, trpcSocketUrl } from '../trpc.ts';
import { persistCache, type CachePersistence } from './persistedCache.ts';

/** Everything tied to one auth token: a new token gets a new socket (new connectionParams) and an empty cache. */
export interface Session {
  /** Distinguishes sessions, e.g. as a React key so a new session starts from a fresh tree. */
  id: number;
  queryClient: QueryClient;
  trpcClient: ReturnType<typeof trpc.createClient>;
  connection: ConnectionStore;
  /** Each room's loaded history, fed by its page reads and live events. */
  timelines: Timelines;
  /** Keeps a signed-in session's cache across reloads; null when signed out. */
  persistence: CachePersistence | null;
  close(): void;
}

/**
 * tRPC's default backoff grows to 30 s, so a laptop back online could sit "Reconnecting…" for
 * half a minute. Capped at a few seconds instead, with jitter so a restarted server isn't hit
 * by every client in the same instant.
 */
function reconnectDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 4_000) + Math.random() * 1_000;
}

let sessions = 0;

export function createSession(token: string | null, onUnauthorized: () => void): Session {
  const onError = (error: unknown) => {
    if (token !== null && errorCode(error) === 'UNAUTHORIZED') onUnauthorized();
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Only failures without a server answer are worth repeating; FORBIDDEN stays FORBIDDEN.
        retry: (failures, error) => failures < 3 && errorCode(error) === undefined,
      },
    },
  });
  // Timelines live outside the query cache and replay their own gaps from lastEventId; every
  // query may be stale after a drop. Signed out, the socket is opened only to sign in or up: the server closes sockets that
  // stay unsigned, and a sign-in page left open should not hold one.
  const lazy = token === null;
  const connection = createConnectionStore(() => {
    void queryClient.invalidateQueries();
  }, lazy);
  const wsClient: TRPCWebSocketClient = createWSClient({
    url: trpcSocketUrl,
    // The protocol lets a server this tab outlived (an offline copy kept by the service worker) say so.
    connectionParams: () => ({ protocol: String(PROTOCOL_VERSION), ...(token === null ? {} : { token }) }),
    lazy: { enabled: lazy, closeMs: 5_000 },
    // Detects sockets that died silently (sleeping laptop, dropped Wi-Fi) so reconnect starts.
    keepAlive: { enabled: true, intervalMs: 15_000, pongTimeoutMs: 5_000 },
    retryDelayMs: (attempt) => {
      const delay = reconnectDelay(attempt);
      connection.retryScheduled(delay);
      return delay;
    },
  });
  connection.attach(wsClient);
  const stopWatchdog = watchConnectAttempts(wsClient);
  const persistence = token === null ? null : persistCache(token, queryClient);
  const trpcClient = trpc.createClient({ links: [wsLink({ client: wsClient })] });
  const timelines = new Timelines(
    (roomId, request) => trpcClient.message.history.query({ roomId, ...request, limit: PAGE_SIZE }),
    persistence?.timelines ?? null,
  );
  return {
    id: ++sessions,
    queryClient,
    trpcClient,
    connection,
    timelines,
    persistence,
    close() {
      timelines.close();
      persistence?.close();
      stopWatchdog();
      connection.dispose();
      queryClient.clear();
      void wsClient.close();
    },
  };
}
