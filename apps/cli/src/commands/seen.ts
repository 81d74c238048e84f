import type { ChatClient, RoomReader, User } from '@chat/client';
import type { Command } from 'commander';
import { formatMessage, formatUser, print, printJson } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { withClient } from './with-client.ts';

/** Every member's read marker: the first thing `room.onReads` sends, which is all a command needs. */
function readersOf(client: ChatClient, roomId: string): Promise<RoomReader[]> {
  return new Promise((resolve, reject) => {
    const sub = client.api.room.onReads.subscribe(
      { roomId },
      {
        onData: (event) => {
          if (event.type !== 'snapshot') return;
          sub.unsubscribe();
          resolve(event.readers);
        },
        onError: reject,
      },
    );
  });
}

const names = (users: User[]) => (users.length > 0 ? users.map(formatUser).join(', ') : 'nobody');

/** `chat rooms seen general`: who has read the room up to its last message, and who has not yet. */
export function seenCommands(program: Command, rooms: Command): void {
  rooms
    .command('seen')
    .description('who has read a room up to its last message, and who has not yet (rooms of up to 50 members)')
    .argument('<room>', 'room name or id')
    .action((name: string) =>
      withClient(program, async (client, { json }) => {
        const room = await findRoom(client, name);
        // First: the server refuses a room too large for it, before anything else is asked.
        const readers = await readersOf(client, room.id);
        const [members, page] = await Promise.all([client.api.room.members.query({ roomId: room.id }), client.api.message.history.query({ roomId: room.id, limit: 1 })]);
        const last = page.messages.at(-1) ?? null;
        const markers = new Map(readers.map((r) => [r.userId, r.lastReadSeq]));
        // Whoever wrote the last message has seen it, so they are in neither list.
        const others = members.map((m) => m.user).filter((user) => markers.has(user.id) && user.id !== last?.author.id);
        const seen = others.filter((user) => last && (markers.get(user.id) ?? 0) >= last.seq);
        const notSeen = others.filter((user) => !seen.includes(user));
        if (json) return printJson({ roomId: room.id, lastMessage: last, seen, notSeen });
        if (!last) return print(`No messages in ${room.name} yet.`);
        print(`Last message: ${formatMessage(last)}`);
        print(`Seen by: ${names(seen)}`);
        print(`Not yet: ${names(notSeen)}`);
      }),
    );
}
