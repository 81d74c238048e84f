import type { Room } from '@chat/api-types';
import { useRoomRights } from '../rooms/useRoomRights.ts';
import { trpc } from '../trpc.ts';
import { button } from '../ui/styles.ts';
import { ComposerStandIn } from './ComposerStandIn.tsx';

/** Shown instead of the composer while the room is archived; those who look after it open it again from here. */
export function ArchivedBar({ room }: { room: Room }) {
  const { looksAfter } = useRoomRights(room);
  // The room list follows from the notice the server writes of it.
  const unarchive = trpc.room.setArchived.useMutation();
  return (
    <ComposerStandIn
      error={unarchive.error}
      action={
        looksAfter && (
          <button type="button" className={button.secondarySmall} disabled={unarchive.isPending} onClick={() => unarchive.mutate({ roomId: room.id, archived: false })}>
            Unarchive
          </button>
        )
      }
    >
      This room is archived — read-only
    </ComposerStandIn>
  );
}
