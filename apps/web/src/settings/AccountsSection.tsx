import type { Account, User } from '@chat/api-types';
import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { errorMessage } from '../lib/errors.ts';
import { dateTimeLabel } from '../lib/timeLabels.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { FormStatus } from '../ui/FormStatus.tsx';
import { button, input, muted } from '../ui/styles.ts';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';
import { UserName } from '../ui/UserName.tsx';

/** As many as one answer holds; past that, a search finds the rest. */
const LIMIT = 50;

/** Every account on the server, for the server admin, who deactivates and reactivates them. */
export function AccountsSection() {
  const me = useMe();
  const searchId = useId();
  const utils = trpc.useUtils();
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), 250);
  const listInput = { query: settled || undefined, limit: LIMIT };
  // Sign-ups elsewhere tell this page nothing: the list is read afresh each time it is shown.
  const accounts = trpc.admin.users.useQuery(listInput, { placeholderData: keepPreviousData, staleTime: 0 });
  const [status, setStatus] = useState('');
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const setDeactivated = trpc.admin.setDeactivated.useMutation({
    onMutate: () => setStatus(''),
    onSuccess: (_, { userId, deactivated }) => {
      const name = accounts.data?.find((a) => a.user.id === userId)?.user.displayName ?? 'The account';
      setStatus(deactivated ? `${name} is deactivated and signed out everywhere.` : `${name} can sign in again.`);
      setDeactivating(null);
      // The server answers nothing, but what changed is known: shown at once, then read again for every search.
      utils.admin.users.setData(listInput, (list) => list?.map((a) => (a.user.id === userId ? { ...a, deactivated } : a)));
      void utils.admin.users.invalidate();
    },
  });
  const busy = (userId: string) => setDeactivated.isPending && setDeactivated.variables.userId === userId;
  const stopDeactivating = () => {
    setDeactivating(null);
    setDeactivated.reset();
  };

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={searchId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
          Search accounts
        </label>
        <input id={searchId} type="search" className={input} placeholder="Name or username" autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      {accounts.isPending && <p className={`${muted} text-sm`}>Loading…</p>}
      <FormError message={accounts.error && errorMessage(accounts.error)} />
      <ul aria-label="Accounts" className="divide-y divide-slate-200 dark:divide-slate-800">
        {accounts.data?.map((account) => (
          <AccountRow
            key={account.user.id}
            account={account}
            mine={account.user.id === me.id}
            busy={busy(account.user.id)}
            onDeactivate={() => setDeactivating(account.user)}
            onReactivate={() => setDeactivated.mutate({ userId: account.user.id, deactivated: false })}
          />
        ))}
      </ul>
      {accounts.data?.length === 0 && <p className={`${muted} py-2 text-center text-sm`}>Nobody found.</p>}
      {accounts.data?.length === LIMIT && <p className={`${muted} text-xs`}>Showing the first {LIMIT}: search to find anyone else.</p>}
      <FormError message={!deactivating && setDeactivated.error ? errorMessage(setDeactivated.error) : null} />
      <FormStatus message={status} />
      {deactivating && (
        <ConfirmDialog
          title={`Deactivate ${deactivating.displayName}?`}
          description="They are signed out everywhere at once and cannot sign in until you reactivate the account. Their messages stay."
          confirm={setDeactivated.isPending ? 'Deactivating…' : 'Deactivate'}
          pending={setDeactivated.isPending}
          error={setDeactivated.error && errorMessage(setDeactivated.error)}
          onConfirm={() => setDeactivated.mutate({ userId: deactivating.id, deactivated: true })}
          onClose={stopDeactivating}
        />
      )}
    </div>
  );
}

interface RowProps {
  account: Account;
  /** The server admin's own account, which stays active. */
  mine: boolean;
  busy: boolean;
  onDeactivate(): void;
  onReactivate(): void;
}

function AccountRow({ account, mine, busy, onDeactivate, onReactivate }: RowProps) {
  // Every row's button says the same: its description says whose account it is.
  const id = useId();
  const { user, serverAdmin, deactivated, createdAt } = account;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3">
      <div id={id} className="flex min-w-0 flex-1 basis-56 items-center gap-3">
        <Avatar user={user} size="sm" />
        <UserName
          user={user}
          badges={
            <>
              {serverAdmin && <Badge tone="indigo">Server admin</Badge>}
              {deactivated && <Badge tone="red">Deactivated</Badge>}
            </>
          }
          detail={`joined ${dateTimeLabel(createdAt, new Date())}`}
        />
      </div>
      {!mine && (
        <button
          type="button"
          className={`${deactivated ? button.secondarySmall : button.dangerSmall} ml-auto`}
          aria-describedby={id}
          disabled={busy}
          onClick={deactivated ? onReactivate : onDeactivate}
        >
          {deactivated ? 'Reactivate' : 'Deactivate'}
        </button>
      )}
    </li>
  );
}
