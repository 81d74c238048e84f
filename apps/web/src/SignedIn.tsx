import { useEffect } from 'react';
import { useAuth } from './auth/authContext.ts';
import { MeContext } from './auth/meContext.ts';
import { ChatLayout } from './ChatLayout.tsx';
import { ConnectionBanner } from './connection/ConnectionBanner.tsx';
import { errorMessage } from './lib/errors.ts';
import { OutboxProvider } from './outbox/OutboxProvider.tsx';
import { trpc } from './trpc.ts';
import { button } from './ui/styles.ts';

/** Confirms the stored token with auth.me before showing the chat; a dead token goes back to sign-in. */
export function SignedIn() {
  const { signedInAs, forget } = useAuth();
  const me = trpc.auth.me.useQuery(undefined, {
    initialData: signedInAs ?? undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const expired = me.isSuccess && me.data === null;
  useEffect(() => {
    if (expired) forget();
  }, [expired, forget]);

  if (me.data) {
    return (
      <MeContext value={me.data}>
        <OutboxProvider>
          <ChatLayout />
        </OutboxProvider>
      </MeContext>
    );
  }
  return (
    <div className="flex h-full flex-col">
      <ConnectionBanner />
      <main className="flex flex-1 flex-col items-center justify-center gap-4 p-6 text-center">
        {me.isError ? (
          <>
            <p>{errorMessage(me.error)}</p>
            <button type="button" className={button.secondary} onClick={() => void me.refetch()}>
              Try again
            </button>
          </>
        ) : (
          <p className="text-slate-500 dark:text-slate-400">Loading your chats…</p>
        )}
      </main>
    </div>
  );
}
