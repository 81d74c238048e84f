import { useConnection } from './connectionContext.ts';
import { nextAttemptLabel, statusLabel } from './connectionStatus.ts';
import { useSecondsUntil } from './useSecondsUntil.ts';

const tone = {
  connecting: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
  reconnecting: 'bg-amber-100 text-amber-950 dark:bg-amber-900/70 dark:text-amber-50',
  offline: 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-50',
};

const detail = {
  connecting: '',
  reconnecting: 'Messages you send are kept and go out when the connection is back.',
  offline: "You're offline. Messages you send are kept and go out when you're back online.",
};

/**
 * The connection state, always present as a live region; it only takes up space while
 * something is wrong, because "Connected" is the normal state and not worth a banner.
 */
export function ConnectionBanner() {
  const { status, nextAttemptAt } = useConnection();
  const nextAttempt = nextAttemptLabel(useSecondsUntil(nextAttemptAt));
  if (status === 'connected' || status === 'ready') {
    return (
      <p role="status" aria-label="Connection" className="sr-only">
        {statusLabel[status]}
      </p>
    );
  }
  return (
    <div className={`${tone[status]} flex items-center justify-center gap-2 px-4 py-1.5 text-center text-sm`}>
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-current opacity-70" />
      <p role="status" aria-label="Connection" className="font-semibold">
        {statusLabel[status]}
      </p>
      {/* Visible only: a live region that changed every second would be read out every second. */}
      {nextAttempt && <p aria-hidden="true" className="tabular-nums">{nextAttempt}</p>}
      {detail[status] && <p className="hidden lg:block">{detail[status]}</p>}
    </div>
  );
}
