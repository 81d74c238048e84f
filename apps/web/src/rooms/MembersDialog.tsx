import type { Room, RoomMember, User } from '@chat/api-types';
import { useId, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { errorMessage } from '../lib/errors.ts';
import { useProfile } from '../profiles/useProfile.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button, muted } from '../ui/styles.ts';
import { UserName } from '../ui/UserName.tsx';
import { withPresence } from './memberPresence.ts';
import { ProfilePopover } from './ProfileCard.tsx';
import { memberActions, roleLabel, type MemberActions } from './roomRights.ts';
import { useRoomRights } from './useRoomRights.ts';

export function MembersDialog({ room, onClose }: { room: Room; onClose(): void }) {
  const me = useMe();
  const rights = useRoomRights(room);
  const utils = trpc.useUtils();
  const input = { roomId: room.id };
  // Presence changes arrive live (joins and departures through useRoomListSync); the list is
  // read again now and then for what no event announces: the users of a server process that
  // died go offline when its entry lapses.
  const members = trpc.room.members.useQuery(input, { refetchInterval: 60_000 });
  trpc.room.onPresence.useSubscription(input, {
    onData: (event) => {
      const current = utils.room.members.getData(input);
      const next = current && withPresence(current, event);
      if (next) utils.room.members.setData(input, next);
      else void utils.room.members.invalidate(input);
    },
  });
  // The server answers nothing, but what changed is known: the list shows it at once.
  const change = (update: (members: RoomMember[]) => RoomMember[]) => utils.room.members.setData(input, (current) => current && update(current));
  const setRole = trpc.room.setRole.useMutation({
    onSuccess: (_, { userId, role }) => change((all) => all.map((m) => (m.user.id === userId ? { ...m, role } : m))),
  });
  const [removing, setRemoving] = useState<User | null>(null);
  const remove = trpc.room.removeMember.useMutation({
    onSuccess: (_, { userId }) => {
      setRemoving(null);
      change((all) => all.filter((m) => m.user.id !== userId));
    },
  });
  const stopRemoving = () => {
    setRemoving(null);
    remove.reset();
  };

  const sorted = [...(members.data ?? [])].sort(
    (a, b) => Number(b.online) - Number(a.online) || a.user.displayName.localeCompare(b.user.displayName),
  );
  return (
    <Dialog title={`Members of ${room.name}`} onClose={onClose}>
      {members.isPending && <p className={`${muted} text-sm`}>Loading…</p>}
      {members.isError && <p className="text-sm text-red-600 dark:text-red-400">{errorMessage(members.error)}</p>}
      {rights.looksAfter && room.archived && <p className={`${muted} text-sm`}>Unarchive the room to change roles or remove members.</p>}
      <FormError message={setRole.error && errorMessage(setRole.error)} />
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {sorted.map((member) => (
          <MemberRow
            key={member.user.id}
            member={member}
            actions={memberActions(member, room, rights, me.id)}
            busy={setRole.isPending && setRole.variables.userId === member.user.id}
            onSetRole={(role) => setRole.mutate({ roomId: room.id, userId: member.user.id, role })}
            onRemove={() => setRemoving(member.user)}
          />
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.displayName}?`}
          description={
            room.kind === 'private'
              ? `They lose ${room.name} and its history at once, until someone invites them again.`
              : `They leave ${room.name}; it stays open for them to read and join again.`
          }
          confirm={remove.isPending ? 'Removing…' : 'Remove'}
          pending={remove.isPending}
          error={remove.error && errorMessage(remove.error)}
          onConfirm={() => remove.mutate({ roomId: room.id, userId: removing.id })}
          onClose={stopRemoving}
        />
      )}
    </Dialog>
  );
}

interface RowProps {
  member: RoomMember;
  actions: MemberActions;
  /** Their role is being changed. */
  busy: boolean;
  onSetRole(role: 'admin' | 'member'): void;
  onRemove(): void;
}

function MemberRow({ member: { user, online, role }, actions, busy, onSetRole, onRemove }: RowProps) {
  // Every row's buttons share their names: each is described by its member.
  const id = useId();
  const label = roleLabel(role);
  const { nextRole } = actions;
  const status = useProfile(user.id).data?.status;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2.5">
      <div id={id} className="flex min-w-0 flex-1 basis-40">
        <ProfilePopover user={user}>
          <button type="button" className="-m-1 flex min-w-0 flex-1 items-center gap-3 rounded-lg p-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800">
            <span className="relative">
              <Avatar user={user} size="sm" />
              <span
                aria-hidden="true"
                className={`absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full ring-2 ring-white dark:ring-slate-900 ${online ? 'bg-emerald-500' : 'bg-slate-400 dark:bg-slate-500'}`}
              />
            </span>
            <UserName user={user} badges={label && <Badge tone="indigo">{label}</Badge>} detail={online ? 'Online' : 'Offline'} status={status} />
          </button>
        </ProfilePopover>
      </div>
      {(nextRole || actions.remove) && (
        <div className="ml-auto flex gap-1">
          {nextRole && (
            <button type="button" className={button.secondarySmall} aria-describedby={id} disabled={busy} onClick={() => onSetRole(nextRole)}>
              {nextRole === 'admin' ? 'Make admin' : 'Remove admin'}
            </button>
          )}
          {actions.remove && (
            <button type="button" className={button.danger} aria-describedby={id} onClick={onRemove}>
              Remove from room
            </button>
          )}
        </div>
      )}
    </li>
  );
}
