import { useConnectionStatus } from './connectionContext.ts';
import { statusLabel } from './connectionStatus.ts';

const tone = {
  connecting: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  reconnecting: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  offline: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
};

const detail = {
  connecting: '',
  reconnecting: 'Messages will catch up when the connection is back.',
  offline: "You're offline. Messages will catch up when you're back online.",
};

/**
 * The connection state, always present as a live region; it only takes up space while
 * something is wrong, because "Connected" is the normal state and not worth a banner.
 */
export function ConnectionBanner() {
  const status = useConnectionStatus();
  if (status === 'connected') {
    return (
      <p role="status" aria-label="Connection" className="sr-only">
        {statusLabel.connected}
      </p>
    );
  }
  return (
    <div className={`${tone[status]} flex items-center justify-center gap-2 px-4 py-1.5 text-center text-sm`}>
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-current opacity-70" />
      <p role="status" aria-label="Connection" className="font-semibold">
        {statusLabel[status]}
      </p>
      {detail[status] && <p className="hidden sm:block">{detail[status]}</p>}
    </div>
  );
}
