import type { User } from '@chat/api-types';
import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useMe } from '../auth/meContext.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { input, muted } from '../ui/styles.ts';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';
import { UserName } from '../ui/UserName.tsx';

interface Props {
  /** What to show at the end of each result row (the row's action). */
  renderAction(user: User): ReactNode;
  /** People not to offer, e.g. current members. */
  exclude?: ReadonlySet<string>;
}

export function UserSearch({ renderAction, exclude }: Props) {
  const me = useMe();
  const id = useId();
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), 250);
  const search = trpc.user.search.useQuery({ query: settled }, { enabled: settled.length > 0, placeholderData: keepPreviousData });
  const people = (settled ? (search.data ?? []) : []).filter((u) => u.id !== me.id && !exclude?.has(u.id));

  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        Search people
      </label>
      <input
        id={id}
        type="search"
        className={input}
        placeholder="Name or username"
        autoComplete="off"
       
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800" aria-label="People">
        {people.map((user) => (
          <li key={user.id} className="flex items-center gap-3 py-2.5">
            <Avatar user={user} size="sm" />
            <UserName user={user} />
            {renderAction(user)}
          </li>
        ))}
      </ul>
      {settled && search.isSuccess && people.length === 0 && <p className={`${muted} py-4 text-center text-sm`}>Nobody found.</p>}
    </div>
  );
}
