import type { TRPCWebSocketClient } from '@trpc/client';
import { connectionStatus, type ConnectionStatus } from './connectionStatus.ts';

export interface ConnectionStore {
  getStatus(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * Follows the socket's state and the browser's online flag, and reports every reopen
 * after the first one so callers can refresh what subscriptions don't replay.
 */
export function createConnectionStore(ws: TRPCWebSocketClient, onReconnect: () => void): ConnectionStore {
  const listeners = new Set<() => void>();
  let state = ws.connectionState.get().state;
  let online = navigator.onLine;
  let wasOpen = false;
  let status = connectionStatus(state, online, wasOpen);

  const update = () => {
    const next = connectionStatus(state, online, wasOpen);
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  };

  const subscription = ws.connectionState.subscribe({
    next(value) {
      state = value.state;
      if (state === 'pending') {
        if (wasOpen) onReconnect();
        wasOpen = true;
      }
      update();
    },
  });
  const onOnlineChange = () => {
    online = navigator.onLine;
    update();
  };
  window.addEventListener('online', onOnlineChange);
  window.addEventListener('offline', onOnlineChange);

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      subscription.unsubscribe();
      window.removeEventListener('online', onOnlineChange);
      window.removeEventListener('offline', onOnlineChange);
      listeners.clear();
    },
  };
}
