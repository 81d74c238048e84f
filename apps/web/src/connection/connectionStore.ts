import type { TRPCWebSocketClient } from '@trpc/client';
import { connectionStatus, type ConnectionStatus } from './connectionStatus.ts';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** When the next reconnect attempt starts (epoch ms), while reconnecting. */
  nextAttemptAt: number | null;
}

export interface ConnectionStore {
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Called by the socket's retry policy with the delay it chose, so the banner can say when. */
  retryScheduled(delayMs: number): void;
  /** Starts following the socket (created after the store, since its retry policy reports here). */
  attach(ws: TRPCWebSocketClient): void;
  dispose(): void;
}

/**
 * Follows the socket's state and the browser's online flag, and reports every reopen
 * after the first one so callers can refresh what subscriptions don't replay.
 */
export function createConnectionStore(onReconnect: () => void, lazy = false): ConnectionStore {
  const listeners = new Set<() => void>();
  let state: 'idle' | 'connecting' | 'pending' = lazy ? 'idle' : 'connecting';
  let online = navigator.onLine;
  let wasOpen = false;
  let nextAttemptAt: number | null = null;
  let snapshot: ConnectionSnapshot = { status: connectionStatus(state, online, wasOpen, lazy), nextAttemptAt };
  let unsubscribe = () => {};

  const update = () => {
    const status = connectionStatus(state, online, wasOpen, lazy);
    const next = status === 'reconnecting' ? nextAttemptAt : null;
    if (status === snapshot.status && next === snapshot.nextAttemptAt) return;
    snapshot = { status, nextAttemptAt: next };
    for (const listener of listeners) listener();
  };
  const onOnlineChange = () => {
    online = navigator.onLine;
    update();
  };
  window.addEventListener('online', onOnlineChange);
  window.addEventListener('offline', onOnlineChange);

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retryScheduled(delayMs) {
      nextAttemptAt = Date.now() + delayMs;
      update();
    },
    attach(ws) {
      state = ws.connectionState.get().state;
      const subscription = ws.connectionState.subscribe({
        next(value) {
          state = value.state;
          if (state === 'pending') {
            nextAttemptAt = null;
            if (wasOpen) onReconnect();
            wasOpen = true;
          }
          update();
        },
      });
      unsubscribe = () => subscription.unsubscribe();
      update();
    },
    dispose() {
      unsubscribe();
      window.removeEventListener('online', onOnlineChange);
      window.removeEventListener('offline', onOnlineChange);
      listeners.clear();
    },
  };
}
