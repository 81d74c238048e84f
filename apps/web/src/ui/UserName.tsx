import type { User } from '@chat/api-types';
import type { ReactNode } from 'react';
import { muted } from './styles.ts';

interface Props {
  user: User;
  /** Beside the name: what they are here (a role, a state of their account). */
  badges?: ReactNode;
  /** After the username, on its line ("Online"). */
  detail?: string;
  /** A line of their own words under it: their status. */
  status?: string | undefined;
}

/**
 * A display name with the @username under it: names alone can pass for one another, usernames
 * cannot. Spans only, spaced for a screen reader, so it can be the text of a button (a member
 * opening their profile).
 */
export function UserName({ user, badges, detail, status }: Props) {
  return (
    <span className="block min-w-0 flex-1">
      <span className="flex min-w-0 items-center gap-2 text-sm font-medium">
        <span className="truncate">{user.displayName}</span>
        {badges}
      </span>{' '}
      <span className={`${muted} block truncate text-xs`}>
        @{user.username}
        {detail && (
          <>
            {' · '}
            <span>{detail}</span>
          </>
        )}
      </span>{' '}
      {status && <span className="block truncate text-xs text-slate-700 dark:text-slate-300">{status}</span>}
    </span>
  );
}

