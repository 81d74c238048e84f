import type { Room } from '@chat/api-types';
import { upsertRoom } from '../rooms/roomActivity.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { button } from '../ui/styles.ts';
import { ComposerStandIn } from './ComposerStandIn.tsx';

/** Shown instead of the composer while previewing a public room. */
export function JoinBar({ room }: { room: Room }) {
  const updateRooms = useUpdateRooms();
  const join = trpc.room.join.useMutation({ onSuccess: (joined) => updateRooms((rooms) => upsertRoom(rooms, joined)) });
  return (
    <ComposerStandIn
      error={join.error}
      action={
        <button type="button" className={button.primary} disabled={join.isPending} onClick={() => join.mutate({ roomId: room.id })}>
          Join room
        </button>
      }
    >
      You're previewing <strong className="font-semibold text-slate-700 dark:text-slate-200">{room.name}</strong>.
    </ComposerStandIn>
  );
}
