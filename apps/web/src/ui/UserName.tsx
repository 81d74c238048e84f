import type { User } from '@chat/api-types';
import { muted } from './styles.ts';

/** A display name with the @username under it: names alone can pass for one another, usernames cannot. */
export function UserName({ user }: { user: User }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="truncate text-sm font-medium">{user.displayName}</p>
      <p className={`${muted} truncate text-xs`}>@{user.username}</p>
    </div>
  );
}
