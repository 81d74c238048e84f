import type { Command } from 'commander';
import { formatRoom, print, printJson } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { roomAdminCommands } from './room-admin.ts';
import { notificationCommands } from './notifications.ts';
import { seenCommands } from './seen.ts';
import { withClient } from './with-client.ts';

export function roomCommands(program: Command): void {
  const rooms = program
    .command('rooms')
    .description('list the rooms you can see, with your role where you look after one')
    .action(() =>
      withClient(program, async (client, { json }) => {
        const rooms = await client.api.room.list.query();
        if (json) printJson(rooms);
        else rooms.forEach((room) => print(formatRoom(room)));
      }),
    );
  program
    .command('join')
    .description('join a room')
    .argument('<room>', 'room name or id')
    .action((name: string) =>
      withClient(program, async (client, { json }) => {
        const room = await client.api.room.join.mutate({ roomId: (await findRoom(client, name)).id });
        if (json) printJson(room);
        else print(`Joined ${formatRoom(room)}`);
      }),
    );
  roomAdminCommands(program, rooms);
  notificationCommands(program, rooms);
  seenCommands(program, rooms);
}
