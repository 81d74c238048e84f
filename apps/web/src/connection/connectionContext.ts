import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot, ConnectionStore } from './connectionStore.ts';

export const ConnectionContext = createContext<ConnectionStore | null>(null);

export function useConnectionStore(): ConnectionStore {
  const store = useContext(ConnectionContext);
  if (!store) throw new Error('useConnection outside <SessionProvider>');
  return store;
}

export function useConnection(): ConnectionSnapshot {
  const store = useConnectionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
