import { muted } from '../ui/styles.ts';

export function DayDivider({ label }: { label: string }) {
  return (
    <div role="listitem" className="my-3 flex items-center gap-3 px-5" aria-label={label}>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      <span className={`${muted} text-xs font-medium`}>{label}</span>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}

/** Where the unread part began when the room (or thread) was opened; it stays put while it is open. */
export function NewMessagesDivider({ label = 'New messages' }: { label?: string }) {
  return (
    <div role="listitem" className="my-2 flex items-center gap-3 px-5" aria-label={label}>
      <span aria-hidden="true" className="h-px flex-1 bg-red-500/70" />
      <span className="text-xs font-semibold text-red-700 dark:text-red-400">{label}</span>
    </div>
  );
}
