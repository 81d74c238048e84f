import type { Room } from '@chat/api-types';
import { useState, type ReactNode } from 'react';
import { useMe } from '../auth/meContext.ts';
import { SignOutButton } from '../auth/SignOutButton.tsx';
import { NotificationPrompt } from '../notifications/NotificationPrompt.tsx';
import { settingsHref, useSettingsOpen } from '../route/settingsRoute.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { CompassIcon, PlusIcon, SearchIcon, SettingsIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { UserName } from '../ui/UserName.tsx';
import { BrowseRoomsDialog } from './BrowseRoomsDialog.tsx';
import { NewMessageDialog } from './NewMessageDialog.tsx';
import { NewRoomDialog } from './NewRoomDialog.tsx';
import { RoomLink } from './RoomLink.tsx';
import { useRooms } from './useRooms.ts';

type OpenDialog = 'new-room' | 'browse' | 'new-message' | null;

const byName = (a: Room, b: Room) => a.name.localeCompare(b.name);
const byRecentActivity = (a: Room, b: Room) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '') || byName(a, b);

const sideAction =
  'flex w-full items-center gap-2 rounded-lg px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-200/70 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white';

interface Props {
  activeRoomId: string | null;
  onSearch(): void;
  className?: string;
}

export function Sidebar({ activeRoomId, onSearch, className = '' }: Props) {
  const me = useMe();
  const settingsOpen = useSettingsOpen();
  const rooms = useRooms();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  const joined = (rooms.data ?? []).filter((r) => r.joined);
  const channels = joined.filter((r) => r.kind !== 'direct').sort(byName);
  const directs = joined.filter((r) => r.kind === 'direct').sort(byRecentActivity);

  return (
    <nav aria-label="Conversations" className={`${className} min-h-0 flex-col bg-slate-50 dark:bg-slate-900`}>
      <div className="flex items-center gap-2 px-4 pt-4 pb-3">
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white">
          C
        </span>
        <span className="font-semibold tracking-tight">Chat</span>
      </div>
      <div className="px-2">
        <button
          type="button"
          onClick={onSearch}
          className="flex w-full items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-600 hover:border-slate-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-400 dark:hover:border-slate-600"
        >
          <SearchIcon />
          <span className="flex-1 text-left">Search messages</span>
          <kbd aria-hidden="true" className="hidden rounded border border-slate-300 px-1 font-sans text-[0.65rem] md:inline dark:border-slate-700">
            Ctrl K
          </kbd>
        </button>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        <Section title="Rooms" action={{ label: 'New room', onClick: () => setDialog('new-room') }}>
          {rooms.isPending && <p className={`${muted} px-3 py-1 text-sm`}>Loading…</p>}
          {rooms.isError && <p className="px-3 py-1 text-sm text-red-700 dark:text-red-400">Couldn't load rooms.</p>}
          <ul>
            {channels.map((room) => (
              <li key={room.id}>
                <RoomLink room={room} active={room.id === activeRoomId} />
              </li>
            ))}
          </ul>
          <button type="button" className={`${sideAction} mt-1`} onClick={() => setDialog('browse')}>
            <CompassIcon />
            Browse rooms
          </button>
        </Section>

        <Section title="Direct messages" action={{ label: 'New message', onClick: () => setDialog('new-message') }}>
          {rooms.isSuccess && directs.length === 0 && <p className={`${muted} px-3 py-1 text-sm`}>No conversations yet.</p>}
          <ul>
            {directs.map((room) => (
              <li key={room.id}>
                <RoomLink room={room} active={room.id === activeRoomId} />
              </li>
            ))}
          </ul>
        </Section>
      </div>

      <NotificationPrompt />
      <div className="flex items-center gap-3 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
        <Avatar user={me} />
        <UserName user={me} />
        <a
          href={settingsHref}
          className={`${button.icon} aria-[current=page]:text-indigo-600 dark:aria-[current=page]:text-indigo-400`}
          aria-label="Settings"
          title="Settings"
          aria-current={settingsOpen ? 'page' : undefined}
        >
          <SettingsIcon />
        </a>
        <SignOutButton />
      </div>

      {dialog === 'new-room' && <NewRoomDialog onClose={close} />}
      {dialog === 'browse' && <BrowseRoomsDialog onClose={close} />}
      {dialog === 'new-message' && <NewMessageDialog onClose={close} />}
    </nav>
  );
}

function Section({ title, action, children }: { title: string; action: { label: string; onClick(): void }; children: ReactNode }) {
  return (
    <section className="mt-4" aria-label={title}>
      <div className="flex items-center justify-between px-3 pb-1">
        <h2 className={`${muted} text-xs font-semibold tracking-wide uppercase`}>{title}</h2>
        <button type="button" className={button.iconSmall} aria-label={action.label} title={action.label} onClick={action.onClick}>
          <PlusIcon />
        </button>
      </div>
      {children}
    </section>
  );
}
