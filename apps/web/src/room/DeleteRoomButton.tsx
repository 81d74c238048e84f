import type { Room } from '@chat/api-types';
import { useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { useLoseRoom } from '../rooms/useLoseRoom.ts';
import { trpc } from '../trpc.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { button } from '../ui/styles.ts';
import { TextField } from '../ui/TextField.tsx';

/** Deletes the room for everyone, once its name is typed: nothing of it can be brought back. */
export function DeleteRoomButton({ room }: { room: Room }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const loseRoom = useLoseRoom();
  // The room's stream may end (NOT_FOUND) before this answer comes: whichever is first moves on.
  const remove = trpc.room.delete.useMutation({ onSuccess: () => loseRoom(room, 'deleted') });
  const close = () => {
    setConfirming(false);
    setTyped('');
  };
  return (
    <>
      <button type="button" className={button.dangerSmall} onClick={() => setConfirming(true)}>
        Delete room
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete #${room.name}?`}
          description="Its messages and files go for everyone, and cannot be brought back."
          confirm={remove.isPending ? 'Deleting…' : 'Delete room'}
          pending={remove.isPending}
          ready={typed.trim() === room.name}
          error={remove.error && errorMessage(remove.error)}
          onConfirm={() => remove.mutate({ roomId: room.id })}
          onClose={close}
        >
          <TextField
            label={`Type ${room.name} to confirm`}
            name="confirm-name"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </ConfirmDialog>
      )}
    </>
  );
}
