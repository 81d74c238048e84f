import { Avatar } from '../ui/Avatar.tsx';
import { muted } from '../ui/styles.ts';
import { seenByText, type Seen } from './seenBy.ts';

/** Faces shown beside the words; the words name or count everyone. */
const FACES = 3;

/**
 * "Seen by Alice and Bob" under the room's last message: plain text, read where it stands
 * and never announced (it would speak up at every read), with the first few faces beside it.
 */
export function SeenBy({ seen }: { seen: Seen }) {
  const text = seenByText(seen);
  if (!text) return null;
  return (
    <div role="listitem" className={`${muted} flex items-center justify-end gap-1.5 px-4 pt-1 pb-1 text-xs sm:px-5`}>
      <span aria-hidden="true" className="flex -space-x-1">
        {seen.users.slice(0, FACES).map((user) => (
          <span key={user.id} className="flex rounded-md ring-2 ring-white dark:ring-slate-950">
            <Avatar user={user} size="xs" />
          </span>
        ))}
      </span>
      <span>{text}</span>
    </div>
  );
}
