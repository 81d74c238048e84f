import type { Command } from 'commander';
import { formatMessage, print, printJson, printMessage } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { findUser } from '../users.ts';
import { withClient } from './with-client.ts';

export function messageCommands(program: Command): void {
  program
    .command('send')
    .description('send a message to a room')
    .argument('<room>', 'room name or id')
    .argument('<text>', 'the message (Markdown)')
    .action((name: string, text: string) =>
      withClient(program, async (client, { json }) => {
        printMessage(await client.send((await findRoom(client, name)).id, text), json);
      }),
    );
  program
    .command('dm')
    .description('send a direct message to a user')
    .argument('<user>', 'username')
    .argument('<text>', 'the message (Markdown)')
    .action((username: string, text: string) =>
      withClient(program, async (client, { json }) => {
        const room = await client.api.dm.open.mutate({ userId: (await findUser(client, username)).id });
        printMessage(await client.send(room.id, text), json);
      }),
    );
  program
    .command('search')
    .description('search messages in rooms you can read')
    .argument('<text>')
    .option('-r, --room <room>', 'only this room (name or id)')
    .option('-l, --limit <n>', 'at most this many results', (v) => Number.parseInt(v, 10), 20)
    .action((text: string, opts: { room?: string; limit: number }) =>
      withClient(program, async (client, { json }) => {
        const roomId = opts.room ? (await findRoom(client, opts.room)).id : undefined;
        const hits = await client.api.message.search.query({ query: text, roomId, limit: opts.limit });
        if (json) return printJson(hits);
        if (hits.length === 0) print('No messages found.');
        hits.forEach((hit) => print(formatMessage(hit.message, { prefix: `${hit.roomName}  ` })));
      }),
    );
}
