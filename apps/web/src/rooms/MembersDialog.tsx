import type { Room } from '@chat/api-types';
import { errorMessage } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { muted } from '../ui/styles.ts';
import { UserName } from '../ui/UserName.tsx';
import { withPresence } from './memberPresence.ts';

export function MembersDialog({ room, onClose }: { room: Room; onClose(): void }) {
  const utils = trpc.useUtils();
  // Presence changes arrive live (joins and departures through useRoomListSync); the list is
  // read again now and then for what no event announces: the users of a server process that
  // died go offline when its entry lapses.
  const members = trpc.room.members.useQuery({ roomId: room.id }, { refetchInterval: 60_000 });
  trpc.room.onPresence.useSubscription(
    { roomId: room.id },
    {
      onData: (event) => {
        const current = utils.room.members.getData({ roomId: room.id });
        const next = current && withPresence(current, event);
        if (next) utils.room.members.setData({ roomId: room.id }, next);
        else void utils.room.members.invalidate({ roomId: room.id });
      },
    },
  );
  const sorted = [...(members.data ?? [])].sort(
    (a, b) => Number(b.online) - Number(a.online) || a.user.displayName.localeCompare(b.user.displayName),
  );
  return (
    <Dialog title={`Members of ${room.name}`} onClose={onClose}>
      {members.isPending && <p className={`${muted} text-sm`}>Loading…</p>}
      {members.isError && <p className="text-sm text-red-600 dark:text-red-400">{errorMessage(members.error)}</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {sorted.map(({ user, online }) => (
          <li key={user.id} className="flex items-center gap-3 py-2.5">
            <span className="relative">
              <Avatar user={user} size="sm" />
              <span
                aria-hidden="true"
                className={`absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full ring-2 ring-white dark:ring-slate-900 ${online ? 'bg-emerald-500' : 'bg-slate-400 dark:bg-slate-500'}`}
              />
            </span>
            <UserName user={user} />
            <span className={`${muted} text-xs`}>{online ? 'Online' : 'Offline'}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
