import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { errorMessage } from '../lib/errors.ts';
import { dateTimeLabel } from '../lib/timeLabels.ts';
import { MarkdownPreview } from '../markdown/Markdown.tsx';
import { RoomIcon } from '../rooms/RoomIcon.tsx';
import { useRooms } from '../rooms/useRooms.ts';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { input, muted } from '../ui/styles.ts';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';

/** Full-text search over every message I may read; a hit opens its room scrolled to it. */
export function SearchDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const me = useMe();
  const rooms = useRooms().data ?? [];
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), 250);
  const search = trpc.message.search.useQuery({ query: settled, limit: 30 }, { enabled: settled.length > 0, placeholderData: keepPreviousData });
  const hits = settled ? (search.data ?? []) : [];

  return (
    <Dialog title="Search messages" description="Across every room and conversation you can read." onClose={onClose}>
      <label htmlFor={id} className="sr-only">
        Search messages
      </label>
      <input id={id} type="search" className={input} placeholder="Words to find" autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />
      <FormError message={search.error ? errorMessage(search.error) : null} />
      <ul className="mt-3 space-y-1" aria-label="Results">
        {hits.map(({ message, roomName }) => {
          const room = rooms.find((r) => r.id === message.roomId);
          return (
            <li key={message.id}>
              <button
                type="button"
                className="w-full rounded-lg px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                onClick={() => {
                  openRoom(message.roomId, message.id);
                  onClose();
                }}
              >
                <span className={`${muted} flex items-center gap-1.5 text-xs`}>
                  {room && <RoomIcon room={room} />}
                  <span className="font-medium text-slate-700 dark:text-slate-300">{roomName}</span>
                  <span aria-hidden="true">·</span>
                  <span>{message.author.displayName}</span>
                  <span aria-hidden="true">·</span>
                  <time dateTime={message.createdAt}>{dateTimeLabel(message.createdAt, new Date())}</time>
                </span>
                <span className="mt-0.5 line-clamp-2 block text-sm break-words">
                  <MarkdownPreview text={message.body} myUsername={me.username} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {settled && search.isSuccess && hits.length === 0 && <p className={`${muted} py-6 text-center text-sm`}>No messages match “{settled}”.</p>}
    </Dialog>
  );
}
