import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionStatus } from './connectionStatus.ts';
import type { ConnectionStore } from './connectionStore.ts';

export const ConnectionContext = createContext<ConnectionStore | null>(null);

export function useConnectionStatus(): ConnectionStatus {
  const store = useContext(ConnectionContext);
  if (!store) throw new Error('useConnectionStatus outside <SessionProvider>');
  return useSyncExternalStore(store.subscribe, store.getStatus);
}
