import { QueryClientProvider } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { AuthContext, type AuthState } from '../auth/authContext.ts';
import { ConnectionContext } from '../connection/connectionContext.ts';
import { TimelinesContext } from '../history/timelinesContext.ts';
import { trpc } from '../trpc.ts';
import type { Session } from './createSession.ts';
import type { SessionStore } from './sessionStore.ts';

/** Provides auth, tRPC, React Query and the connection state of the current session. */
export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  const { token, signedInAs, session } = useSyncExternalStore(store.subscribe, store.get);
  const auth = useMemo<AuthState>(
    () => ({ token, signedInAs, signIn: store.signIn, forget: store.forget }),
    [token, signedInAs, store],
  );
  return (
    <AuthContext value={auth}>
      <trpc.Provider client={session.trpcClient} queryClient={session.queryClient}>
        <CacheProvider session={session}>
          {/* Keyed so nothing from the previous session's tree (state, subscriptions) survives. */}
          <ConnectionContext value={session.connection} key={session.id}>
            <TimelinesContext value={session.timelines}>{children}</TimelinesContext>
          </ConnectionContext>
        </CacheProvider>
      </trpc.Provider>
    </AuthContext>
  );
}

/** A signed-in session's cache starts from what was persisted of the last visit, and keeps being persisted. */
function CacheProvider({ session, children }: { session: Session; children: ReactNode }) {
  return session.persistence ? (
    <PersistQueryClientProvider client={session.queryClient} persistOptions={session.persistence.options}>
      {children}
    </PersistQueryClientProvider>
  ) : (
    <QueryClientProvider client={session.queryClient}>{children}</QueryClientProvider>
  );
}
