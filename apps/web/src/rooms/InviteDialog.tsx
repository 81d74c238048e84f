import type { Room } from '@chat/api-types';
import { useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button } from '../ui/styles.ts';
import { UserSearch } from './UserSearch.tsx';

/** Adds people to a private room directly (the server makes them members). */
export function InviteDialog({ room, onClose }: { room: Room; onClose(): void }) {
  const utils = trpc.useUtils();
  const members = trpc.room.members.useQuery({ roomId: room.id });
  const [invited, setInvited] = useState<ReadonlySet<string>>(new Set());
  const invite = trpc.room.invite.useMutation({
    onSuccess: (_, { userId }) => {
      setInvited((ids) => new Set(ids).add(userId));
      void utils.room.members.invalidate({ roomId: room.id });
      void utils.room.list.invalidate();
    },
  });
  const memberIds = new Set((members.data ?? []).map((m) => m.user.id).filter((id) => !invited.has(id)));

  return (
    <Dialog title={`Invite to ${room.name}`} description="People you add can read the whole history of this room." onClose={onClose}>
      <UserSearch
        exclude={memberIds}
        renderAction={(user) =>
          invited.has(user.id) ? (
            <span className="px-2 text-sm text-emerald-600 dark:text-emerald-400">Invited</span>
          ) : (
            <button
              type="button"
              className={button.secondary}
              aria-label={`Invite ${user.displayName}`}
              disabled={invite.isPending}
              onClick={() => invite.mutate({ roomId: room.id, userId: user.id })}
            >
              Invite
            </button>
          )
        }
      />
      <FormError message={invite.error ? errorMessage(invite.error) : null} />
    </Dialog>
  );
}
