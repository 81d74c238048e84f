import type { User } from '@chat/api-types';
import type { ReactNode } from 'react';
import { muted } from './styles.ts';

interface Props {
  user: User;
  /** Beside the name: what they are here (a role, a state of their account). */
  badges?: ReactNode;
  /** After the username, on its line ("Online"). */
  detail?: string;
}

/** A display name with the @username under it: names alone can pass for one another, usernames cannot. */
export function UserName({ user, badges, detail }: Props) {
  return (
    <div className="min-w-0 flex-1">
      <p className="flex min-w-0 items-center gap-2 text-sm font-medium">
        <span className="truncate">{user.displayName}</span>
        {badges}
      </p>
      <p className={`${muted} truncate text-xs`}>
        @{user.username}
        {detail && (
          <>
            {' · '}
            <span>{detail}</span>
          </>
        )}
      </p>
    </div>
  );
}

