import type { Room } from '@chat/api-types';
import { useState } from 'react';
import { InviteDialog } from '../rooms/InviteDialog.tsx';
import { LeaveRoomButton } from '../rooms/LeaveRoomButton.tsx';
import { MembersDialog } from '../rooms/MembersDialog.tsx';
import { RoomIcon } from '../rooms/RoomIcon.tsx';
import { MenuIcon, UsersIcon } from '../ui/icons.tsx';
import { useOpenSidebarDrawer } from '../ui/sidebarDrawer.ts';
import { button, muted } from '../ui/styles.ts';

export function RoomHeader({ room }: { room: Room }) {
  const [dialog, setDialog] = useState<'members' | 'invite' | null>(null);
  const openDrawer = useOpenSidebarDrawer();
  const close = () => setDialog(null);
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2.5 sm:px-5 dark:border-slate-800">
      <button type="button" className={`${button.icon} md:hidden`} aria-label="Open conversations" onClick={openDrawer}>
        <MenuIcon />
      </button>
      <span className={muted}>
        <RoomIcon room={room} />
      </span>
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-semibold">{room.name}</h1>
        {room.topic && <p className={`${muted} truncate text-xs`}>{room.topic}</p>}
      </div>
      <button type="button" className={button.ghost} aria-label={`Members (${room.memberCount})`} onClick={() => setDialog('members')}>
        <UsersIcon />
        <span aria-hidden="true" className="tabular-nums">
          {room.memberCount}
        </span>
      </button>
      {room.kind === 'private' && room.joined && (
        <button type="button" className={button.ghost} onClick={() => setDialog('invite')}>
          Invite
        </button>
      )}
      {room.kind !== 'direct' && room.joined && <LeaveRoomButton room={room} />}
      {dialog === 'members' && <MembersDialog room={room} onClose={close} />}
      {dialog === 'invite' && <InviteDialog room={room} onClose={close} />}
    </header>
  );
}
