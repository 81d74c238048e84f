import type { Room } from '@chat/api-types';
import { roomHref } from '../route/roomRoute.ts';
import { ArchiveIcon, BellOffIcon } from '../ui/icons.tsx';
import { RoomIcon } from './RoomIcon.tsx';

export function RoomLink({ room, active }: { room: Room; active: boolean }) {
  // The open room is being read right now, so a count there would only flicker.
  const unread = active ? 0 : room.unreadCount;
  // A muted room's unread is there to be found, not to call out: grey, the name not bold.
  const muted = room.notificationLevel === 'muted';
  return (
    <a
      href={roomHref(room.id)}
      aria-current={active ? 'page' : undefined}
      className={`flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm transition-colors ${
        active
          ? 'bg-indigo-600 text-white'
          : unread > 0 && !muted
            ? 'font-semibold text-slate-900 hover:bg-slate-200/70 dark:text-white dark:hover:bg-slate-800'
            : room.archived || muted
              ? 'text-slate-500 hover:bg-slate-200/70 hover:text-slate-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-200'
              : 'text-slate-600 hover:bg-slate-200/70 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white'
      }`}
    >
      <RoomIcon room={room} />
      <span className="min-w-0 flex-1 truncate">
        {room.name}
        {room.archived && <span className="sr-only"> (archived)</span>}
        {muted && <span className="sr-only"> (muted)</span>}
      </span>
      {room.archived && <ArchiveIcon />}
      {muted && <BellOffIcon />}
      {unread > 0 && (
        <span
          className={`rounded-full px-1.5 py-0.5 text-xs leading-none tabular-nums ${
            muted ? 'bg-white text-slate-600 ring-1 ring-slate-300 dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-700' : 'bg-indigo-600 font-semibold text-white'
          }`}
        >
          {unread > 99 ? '99+' : unread}
          <span className="sr-only"> unread</span>
        </span>
      )}
    </a>
  );
}
