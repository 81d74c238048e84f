import type { User } from '@chat/api-types';
import { Avatar } from '../ui/Avatar.tsx';
import { muted } from '../ui/styles.ts';

interface Props {
  id: string;
  people: User[];
  active: number;
  onPick(user: User): void;
}

export const mentionOptionId = (listId: string, index: number) => `${listId}-${index}`;

/** The @mention suggestions; the composer keeps focus and points at the active one (aria-activedescendant). */
export function MentionList({ id, people, active, onPick }: Props) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="People to mention"
      className="absolute right-0 bottom-full left-0 mb-2 overflow-hidden rounded-xl bg-white py-1 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
    >
      {people.map((user, i) => (
        <li
          key={user.id}
          id={mentionOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${i === active ? 'bg-indigo-600 text-white' : ''}`}
          // mousedown, not click: the composer must not lose focus first.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(user);
          }}
        >
          <Avatar user={user} size="sm" />
          <span className="font-medium">{user.displayName}</span>
          <span className={i === active ? 'text-indigo-100' : muted}>@{user.username}</span>
        </li>
      ))}
    </ul>
  );
}
