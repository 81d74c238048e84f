import { useId, useRef, useState } from 'react';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { dateTimeLabel, fullDateLabel, timeAgo } from '../lib/timeLabels.ts';
import { trpc } from '../trpc.ts';
import { Badge } from '../ui/Badge.tsx';
import { FormError } from '../ui/FormError.tsx';
import { FormStatus } from '../ui/FormStatus.tsx';
import { button, muted } from '../ui/styles.ts';
import { currentFirst, othersSignedOutText, type Session } from './sessions.ts';
import { SignOutOthersButton } from './SignOutOthersButton.tsx';

/** Where this account is signed in; any other session can be ended from here. */
export function SessionList() {
  const utils = trpc.useUtils();
  const list = useRef<HTMLUListElement>(null);
  // Sign-ins elsewhere tell this page nothing: the list is read afresh each time it is shown.
  const sessions = trpc.auth.sessions.useQuery(undefined, { staleTime: 0 });
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const starting = () => {
    setStatus('');
    setFailure(null);
  };
  // The button pressed is about to leave the page: the list keeps the focus rather than the page's top.
  const done = (text: string) => {
    setStatus(text);
    list.current?.focus();
  };
  const failed = (error: unknown) => setFailure(errorCode(error) === 'NOT_FOUND' ? 'That session had already ended.' : errorMessage(error));
  const refresh = () => void utils.auth.sessions.invalidate();
  const revoke = trpc.auth.revoke.useMutation({
    onMutate: starting,
    onSuccess: (_, { sessionId }) => done(`Signed out ${sessions.data?.find((s) => s.id === sessionId)?.device ?? 'that session'}.`),
    onError: failed,
    onSettled: refresh,
  });
  const logoutOthers = trpc.auth.logoutOthers.useMutation({
    onMutate: starting,
    onSuccess: ({ ended }) => done(othersSignedOutText(ended)),
    onError: failed,
    onSettled: refresh,
  });

  const now = new Date();
  const ordered = currentFirst(sessions.data ?? []);
  const others = ordered.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      {sessions.isPending && <p className={`${muted} text-sm`}>Loading…</p>}
      {sessions.isError && <FormError message={errorMessage(sessions.error)} />}
      <ul ref={list} tabIndex={-1} aria-label="Signed-in devices" className="divide-y divide-slate-200 dark:divide-slate-800">
        {ordered.map((session) => (
          <SessionRow
            key={session.id}
            session={session}
            now={now}
            signingOut={revoke.isPending && revoke.variables.sessionId === session.id}
            onSignOut={() => revoke.mutate({ sessionId: session.id })}
          />
        ))}
      </ul>
      <FormError message={failure} />
      <FormStatus message={status} />
      {others > 0 && <SignOutOthersButton count={others} pending={logoutOthers.isPending} onConfirm={() => logoutOthers.mutate()} />}
    </div>
  );
}

function SessionRow({ session, now, signingOut, onSignOut }: { session: Session; now: Date; signingOut: boolean; onSignOut(): void }) {
  // Every row's button says "Sign out"; its description says which device it ends.
  const id = useId();
  return (
    <li className="flex items-center gap-3 py-3">
      <div id={id} className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span className="min-w-0 truncate">{session.device}</span>
          {session.current && <Badge tone="indigo">This device</Badge>}
        </p>
        {/* Two lines on a phone rather than one broken anywhere. */}
        <p className={`${muted} flex flex-col text-xs sm:flex-row sm:gap-1.5`}>
          <Moment label="Signed in" iso={session.createdAt} text={dateTimeLabel(session.createdAt, now)} />
          <span aria-hidden="true" className="hidden sm:inline">
            ·
          </span>
          {session.current ? <span>Active now</span> : <Moment label="Last active" iso={session.lastUsedAt} text={timeAgo(session.lastUsedAt, now)} />}
        </p>
      </div>
      {!session.current && (
        <button type="button" className={button.secondarySmall} aria-describedby={id} disabled={signingOut} onClick={onSignOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      )}
    </li>
  );
}

/** A time as the list words it, with the whole date and time on hover. */
function Moment({ label, iso, text }: { label: string; iso: string; text: string }) {
  return (
    <span>
      {label}{' '}
      <time dateTime={iso} title={fullDateLabel(iso)}>
        {text}
      </time>
    </span>
  );
}
