import type { Room } from '@chat/api-types';
import { useState } from 'react';
import { PinnedDialog } from '../pins/PinnedDialog.tsx';
import { InviteDialog } from '../rooms/InviteDialog.tsx';
import { LeaveRoomButton } from '../rooms/LeaveRoomButton.tsx';
import { MembersDialog } from '../rooms/MembersDialog.tsx';
import { RoomIcon } from '../rooms/RoomIcon.tsx';
import { useMessageRights } from '../rooms/useRoomRights.ts';
import { trpc } from '../trpc.ts';
import { Badge } from '../ui/Badge.tsx';
import { MenuIcon, PinIcon, UsersIcon } from '../ui/icons.tsx';
import { useOpenSidebarDrawer } from '../ui/sidebarDrawer.ts';
import { button, muted } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { RoomMenu } from './RoomMenu.tsx';
import { RoomSettingsDialog } from './RoomSettingsDialog.tsx';

/** The room's name and topic (kept current by the room list), and what can be done to it. */
export function RoomHeader({ room }: { room: Room }) {
  const [dialog, setDialog] = useState<'members' | 'invite' | 'pins' | 'settings' | null>(null);
  // Kept current by the room's events (useRoomEventEffects), so the count is live.
  const pinned = trpc.message.pins.useQuery({ roomId: room.id }).data?.length ?? 0;
  const openDrawer = useOpenSidebarDrawer();
  const { member } = useMessageRights(room);
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
        <div className="flex items-center gap-2">
          <h1 className="truncate font-semibold">{room.name}</h1>
          {room.archived && <Badge tone="slate">Archived</Badge>}
        </div>
        {room.topic && <p className={`${muted} truncate text-xs`}>{room.topic}</p>}
      </div>
      <Tooltip content="Pinned messages">
        <button type="button" className={button.ghost} aria-label={`Pinned messages (${pinned})`} onClick={() => setDialog('pins')}>
          <PinIcon />
          <span aria-hidden="true" className="tabular-nums">
            {pinned}
          </span>
        </button>
      </Tooltip>
      <button type="button" className={button.ghost} aria-label={`Members (${room.memberCount})`} onClick={() => setDialog('members')}>
        <UsersIcon />
        <span aria-hidden="true" className="tabular-nums">
          {room.memberCount}
        </span>
      </button>
      {room.kind === 'private' && room.joined && (
        <button type="button" className={`${button.ghost} max-sm:hidden`} onClick={() => setDialog('invite')}>
          Invite
        </button>
      )}
      {room.kind !== 'direct' && room.joined && <LeaveRoomButton room={room} />}
      {(room.kind !== 'direct' || room.joined) && <RoomMenu room={room} onOpen={setDialog} />}
      {dialog === 'members' && <MembersDialog room={room} onClose={close} />}
      {dialog === 'invite' && <InviteDialog room={room} onClose={close} />}
      {dialog === 'pins' && <PinnedDialog room={room} canUnpin={member} onClose={close} />}
      {dialog === 'settings' && <RoomSettingsDialog room={room} onClose={close} />}
    </header>
  );
}
