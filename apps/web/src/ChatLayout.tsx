import { RoomView } from './chat/RoomView.tsx';
import { ConnectionBanner } from './connection/ConnectionBanner.tsx';
import { RoomWatchers } from './rooms/RoomWatchers.tsx';
import { Sidebar } from './rooms/Sidebar.tsx';
import { useActiveRoomId } from './rooms/route.ts';
import { ChatIcon } from './ui/icons.tsx';

/** Sidebar and room side by side; on narrow screens one at a time, the room when one is open. */
export function ChatLayout() {
  const activeRoomId = useActiveRoomId();
  return (
    <div className="flex h-dvh flex-col">
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <Sidebar activeRoomId={activeRoomId} className={activeRoomId ? 'hidden md:flex' : 'flex'} />
        <main className={`${activeRoomId ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col`}>
          {activeRoomId ? <RoomView key={activeRoomId} roomId={activeRoomId} /> : <NoRoomOpen />}
        </main>
      </div>
      <RoomWatchers activeRoomId={activeRoomId} />
    </div>
  );
}

function NoRoomOpen() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      <span className="flex size-12 items-center justify-center rounded-2xl bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <ChatIcon />
      </span>
      <h1 className="text-lg font-semibold">Pick a conversation</h1>
      <p className="max-w-xs text-sm text-slate-500 dark:text-slate-400">
        Choose a room or a direct message on the left, or browse rooms to find new ones.
      </p>
    </div>
  );
}
