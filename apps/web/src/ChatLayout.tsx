import { lazy, Suspense, useEffect, useState } from 'react';
import { ConnectionBanner } from './connection/ConnectionBanner.tsx';
import { useTimelines } from './history/timelinesContext.ts';
import { useUnreadTitle } from './notifications/useUnreadTitle.ts';
import { RoomView } from './room/RoomView.tsx';
import { RoomWatchers } from './rooms/RoomWatchers.tsx';
import { Sidebar } from './rooms/Sidebar.tsx';
import { useDefaultRoom } from './rooms/useDefaultRoom.ts';
import { useRoomListSync } from './rooms/useRoomListSync.ts';
import { useRooms } from './rooms/useRooms.ts';
import { useActiveRoomId } from './route/roomRoute.ts';
import { useSettingsOpen } from './route/settingsRoute.ts';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { Drawer } from './ui/Drawer.tsx';
import { SidebarDrawerContext } from './ui/sidebarDrawer.ts';
import { Toasts } from './ui/Toasts.tsx';

// Loaded on first use: most visits never search.
const SearchDialog = lazy(() => import('./search/SearchDialog.tsx').then((m) => ({ default: m.SearchDialog })));

/** Sidebar and room side by side; on phone-width screens the sidebar is a drawer over the room. */
export function ChatLayout() {
  const activeRoomId = useActiveRoomId();
  const settingsOpen = useSettingsOpen();
  const rooms = useRooms().data;
  useRoomListSync();
  // The settings are a page of their own, not an empty pane waiting for a room.
  useDefaultRoom(activeRoomId, settingsOpen ? undefined : rooms);
  useUnreadTitle(rooms, settingsOpen ? 'Settings' : rooms?.find((r) => r.id === activeRoomId));
  // A room gone from my list (deleted, or private and left or removed from) leaves none of its
  // messages saved on this device, whether it went while the page was open or while it was not.
  // Keyed by the ids alone: the list itself is new on every message (unread counts), its rooms are not.
  const timelines = useTimelines();
  const roomIds = rooms?.map((r) => r.id).sort().join(' ');
  useEffect(() => {
    if (roomIds !== undefined) timelines.retainSaved(new Set(roomIds.split(' ')));
  }, [roomIds, timelines]);

  // The drawer belongs to the room it was opened over: going to another room closes it.
  const [drawerOver, setDrawerOver] = useState<string | null | false>(false);
  const drawerOpen = drawerOver !== false && drawerOver === activeRoomId;
  const [searching, setSearching] = useState(false);
  const openSearch = () => {
    setDrawerOver(false);
    setSearching(true);
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setSearching(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <SidebarDrawerContext value={() => setDrawerOver(activeRoomId)}>
      <Toasts>
        <div className="flex h-dvh flex-col">
          <ConnectionBanner />
          <div className="flex min-h-0 flex-1">
            <Sidebar activeRoomId={activeRoomId} onSearch={openSearch} className="hidden w-72 shrink-0 border-r border-slate-200 md:flex dark:border-slate-800" />
            <main className="flex min-w-0 flex-1 flex-col">
              {settingsOpen ? <SettingsPage /> : activeRoomId && <RoomView key={activeRoomId} roomId={activeRoomId} />}
            </main>
          </div>
          <Drawer open={drawerOpen} onOpenChange={(open) => setDrawerOver(open ? activeRoomId : false)} title="Conversations">
            <Sidebar activeRoomId={activeRoomId} onSearch={openSearch} className="flex h-full w-full" />
          </Drawer>
          <Suspense>{searching && <SearchDialog onClose={() => setSearching(false)} />}</Suspense>
          <RoomWatchers activeRoomId={activeRoomId} />
        </div>
      </Toasts>
    </SidebarDrawerContext>
  );
}
