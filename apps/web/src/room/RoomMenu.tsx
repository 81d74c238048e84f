import type { Room } from '@chat/api-types';
import { DropdownMenu } from 'radix-ui';
import { useRef } from 'react';
import { useLeaveRoom } from '../rooms/useLeaveRoom.ts';
import { useRoomRights } from '../rooms/useRoomRights.ts';
import { CheckIcon, MoreIcon } from '../ui/icons.tsx';
import { button } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { NOTIFICATION_LEVELS, useSetNotificationLevel } from './useNotificationLevel.ts';

interface Props {
  room: Room;
  onOpen(dialog: 'settings' | 'invite'): void;
}

const item =
  'flex cursor-default items-center rounded-lg px-3 py-2 text-sm outline-none select-none data-highlighted:bg-slate-100 dark:data-highlighted:bg-slate-800';
// On a phone the header has no room for its Invite and Leave buttons: they are here instead.
const phoneItem = `${item} sm:hidden`;

/**
 * The room's menu, from its header: its settings (its details, for those who do not look after
 * it), and for members what of it notifies them (a direct room's menu has only that).
 */
export function RoomMenu({ room, onOpen }: Props) {
  const { looksAfter } = useRoomRights(room);
  const { leave } = useLeaveRoom(room);
  const setNotificationLevel = useSetNotificationLevel(room);
  // A dialog picked here opens once the menu has given the focus back to its button, so that the
  // dialog gives it back there too when it closes (it returns focus to what had it when it opened).
  const picked = useRef<'settings' | 'invite' | null>(null);
  const openPicked = () => {
    if (picked.current) onOpen(picked.current);
    picked.current = null;
  };
  return (
    <DropdownMenu.Root>
      <Tooltip content="Room options">
        <DropdownMenu.Trigger asChild>
          <button type="button" className={button.icon} aria-label="Room options">
            <MoreIcon />
          </button>
        </DropdownMenu.Trigger>
      </Tooltip>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          onCloseAutoFocus={openPicked}
          className="z-50 min-w-44 rounded-xl bg-white p-1 text-slate-800 shadow-xl ring-1 ring-slate-900/10 dark:bg-slate-900 dark:text-slate-100 dark:ring-white/10"
        >
          {room.kind !== 'direct' && (
            <DropdownMenu.Item className={item} onSelect={() => (picked.current = 'settings')}>
              {looksAfter ? 'Room settings' : 'Room details'}
            </DropdownMenu.Item>
          )}
          {room.kind === 'private' && room.joined && (
            <DropdownMenu.Item className={phoneItem} onSelect={() => (picked.current = 'invite')}>
              Invite people
            </DropdownMenu.Item>
          )}
          {room.joined && room.kind !== 'direct' && (
            <DropdownMenu.Item className={phoneItem} onSelect={leave}>
              Leave room
            </DropdownMenu.Item>
          )}
          {room.joined && (
            <>
              {room.kind !== 'direct' && <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-800" />}
              <DropdownMenu.Label aria-hidden="true" className="px-3 pt-1.5 pb-1 text-xs font-semibold text-slate-500 dark:text-slate-400">
                Notifications
              </DropdownMenu.Label>
              <DropdownMenu.RadioGroup aria-label="Notifications" value={room.notificationLevel} onValueChange={setNotificationLevel}>
                {NOTIFICATION_LEVELS.map(({ level, label }) => (
                  <DropdownMenu.RadioItem key={level} value={level} className={`${item} gap-2`}>
                    <span className="flex size-4 items-center justify-center">
                      <DropdownMenu.ItemIndicator>
                        <CheckIcon />
                      </DropdownMenu.ItemIndicator>
                    </span>
                    {label}
                  </DropdownMenu.RadioItem>
                ))}
              </DropdownMenu.RadioGroup>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
