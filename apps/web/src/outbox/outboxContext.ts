import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Outbox } from './outbox.ts';
import type { OutboxService } from './outboxService.ts';

export const OutboxContext = createContext<OutboxService | null>(null);

export function useOutbox(): OutboxService {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error('useOutbox outside <OutboxProvider>');
  return outbox;
}

export function useOutboxEntries(): Outbox {
  const { store } = useOutbox();
  return useSyncExternalStore(store.subscribe, store.get);
}
