import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { input, button, muted } from '../ui/styles.ts';
import { upsertRoom } from './roomActivity.ts';
import { RoomIcon } from './RoomIcon.tsx';
import { useRooms, useUpdateRooms } from './useRooms.ts';

/** Public rooms the user has not joined: preview one, or join it straight away. */
export function BrowseRoomsDialog({ onClose }: { onClose(): void }) {
  const rooms = useRooms();
  const updateRooms = useUpdateRooms();
  const utils = trpc.useUtils();
  // Nothing announces rooms created by others, so browsing always asks for the current list.
  useEffect(() => void utils.room.list.invalidate(), [utils]);
  const [filter, setFilter] = useState('');
  const join = trpc.room.join.useMutation({
    onSuccess: (room) => {
      updateRooms((all) => upsertRoom(all, room));
      openRoom(room.id);
      onClose();
    },
  });

  const needle = filter.trim().toLowerCase();
  const available = (rooms.data ?? [])
    .filter((r) => r.kind === 'public' && !r.joined)
    .filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.topic.toLowerCase().includes(needle))
    .sort((a, b) => b.memberCount - a.memberCount || a.name.localeCompare(b.name));

  return (
    <Dialog title="Browse rooms" description="Public rooms you haven't joined yet." onClose={onClose}>
      <label htmlFor="browse-filter" className="sr-only">
        Filter rooms
      </label>
      <input
        id="browse-filter"
        type="search"
        className={input}
        placeholder="Filter rooms"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <FormError message={join.error ? errorMessage(join.error) : null} />
      <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
        {available.map((room) => (
          <li key={room.id} className="flex items-center gap-3 py-3">
            <span className={muted}>
              <RoomIcon room={room} />
            </span>
            <div className="min-w-0 flex-1">
              <button
                type="button"
                className="block max-w-full truncate text-left text-sm font-medium hover:underline"
                onClick={() => {
                  openRoom(room.id);
                  onClose();
                }}
                aria-label={`Preview ${room.name}`}
              >
                {room.name}
              </button>
              <p className={`${muted} truncate text-xs`}>
                {room.memberCount} {room.memberCount === 1 ? 'member' : 'members'}
                {room.topic && ` · ${room.topic}`}
              </p>
            </div>
            <button
              type="button"
              className={button.secondary}
              aria-label={`Join ${room.name}`}
              disabled={join.isPending}
              onClick={() => join.mutate({ roomId: room.id })}
            >
              Join
            </button>
          </li>
        ))}
      </ul>
      {rooms.isSuccess && available.length === 0 && (
        <p className={`${muted} py-6 text-center text-sm`}>{needle ? 'No rooms match.' : "You're in every public room."}</p>
      )}
    </Dialog>
  );
}
