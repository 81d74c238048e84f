import type { Room } from '@chat/api-types';
import { HashIcon, LockIcon } from '../ui/icons.tsx';

/** # for public rooms, a lock for private ones, the person's initial for a direct message. */
export function RoomIcon({ room }: { room: Pick<Room, 'kind' | 'name'> }) {
  if (room.kind === 'private') return <LockIcon />;
  if (room.kind === 'public') return <HashIcon />;
  return (
    <span aria-hidden="true" className="flex size-4 items-center justify-center rounded bg-slate-400/30 text-[0.6rem] font-bold uppercase">
      {room.name.slice(0, 1)}
    </span>
  );
}
