import type { Room } from '@chat/api-types';
import { errorMessage } from '../lib/errors.ts';
import { upsertRoom } from '../rooms/roomActivity.ts';
import { useUpdateRooms } from '../rooms/useRooms.ts';
import { trpc } from '../trpc.ts';
import { button, muted } from '../ui/styles.ts';

/** Shown instead of the composer while previewing a public room. */
export function JoinBar({ room }: { room: Room }) {
  const updateRooms = useUpdateRooms();
  const join = trpc.room.join.useMutation({ onSuccess: (joined) => updateRooms((rooms) => upsertRoom(rooms, joined)) });
  return (
    <div className="flex flex-col items-center gap-2 border-t border-slate-200 px-4 py-4 text-center sm:flex-row sm:justify-center sm:gap-4 dark:border-slate-800">
      <p className={`${muted} text-sm`}>
        You're previewing <strong className="font-semibold text-slate-700 dark:text-slate-200">{room.name}</strong>.
      </p>
      <button type="button" className={button.primary} disabled={join.isPending} onClick={() => join.mutate({ roomId: room.id })}>
        Join room
      </button>
      {join.error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errorMessage(join.error)}
        </p>
      )}
    </div>
  );
}
