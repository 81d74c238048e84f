import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { muted } from '../ui/styles.ts';

interface Props {
  /** Why there is no composer. */
  children: ReactNode;
  /** What to do about it, for those who may. */
  action?: ReactNode;
  /** The action's failure. */
  error: unknown;
}

/** What takes the composer's place where I cannot write: previewing a room, or an archived one. */
export function ComposerStandIn({ children, action, error }: Props) {
  return (
    <div className="flex flex-col items-center gap-2 border-t border-slate-200 px-4 py-4 text-center sm:flex-row sm:justify-center sm:gap-4 dark:border-slate-800">
      <p className={`${muted} text-sm`}>{children}</p>
      {action}
      {error !== null && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}
