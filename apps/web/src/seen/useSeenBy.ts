import type { Message, Room } from '@chat/api-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { trpc } from '../trpc.ts';
import { applyReadEvent, showsSeenBy, whoHasSeen, type Readers, type Seen } from './seenBy.ts';

const none: Readers = new Map();

/**
 * Who has seen what in the open room: its members' read markers, live from room.onReads (one
 * subscription, for the open room only), named from its member list. The server sends every
 * marker first, and again after a reconnect, so a dropped socket leaves nothing stale for long.
 * Null for a room that shows no "Seen by".
 */
export function useSeenBy(room: Room): ((message: Pick<Message, 'seq' | 'author'>) => Seen) | null {
  const me = useMe();
  const shown = showsSeenBy(room);
  const [readers, setReaders] = useState(none);
  const input = { roomId: room.id };
  trpc.room.onReads.useSubscription(input, { enabled: shown, onData: (event) => setReaders((current) => applyReadEvent(current, event)) });
  const members = trpc.room.members.useQuery(input, { enabled: shown }).data;
  // A marker from someone the member list lacks: they joined since it was read (not every join
  // tells the room's members). Read it again, once per newcomer.
  const utils = trpc.useUtils();
  const askedAbout = useRef(new Set<string>());
  useEffect(() => {
    if (!members) return;
    const newcomers = [...readers.keys()].filter((id) => !askedAbout.current.has(id) && !members.some((m) => m.user.id === id));
    if (newcomers.length === 0) return;
    for (const id of newcomers) askedAbout.current.add(id);
    void utils.room.members.invalidate({ roomId: room.id });
  }, [readers, members, utils, room.id]);
  const seenOf = useCallback(
    (message: Pick<Message, 'seq' | 'author'>) => whoHasSeen(message, readers, (members ?? []).map((m) => m.user), me.id),
    [readers, members, me.id],
  );
  return shown ? seenOf : null;
}
