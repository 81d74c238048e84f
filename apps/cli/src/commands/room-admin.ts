import { ChatError, type ChatClient, type Room } from '@chat/client';
import type { Command } from 'commander';
import { formatRoom, formatUser, print, printJson } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { findMember } from '../users.ts';
import { withClient } from './with-client.ts';

const ROOM = 'room name or id';

const printRoom = (room: Room, json: boolean | undefined) => (json ? printJson(room) : print(formatRoom(room)));

/**
 * What a room's owner and admins (and the server admin, in every room) do to it, as subcommands
 * of `chat rooms`: `chat rooms rename general Lobby`.
 */
export function roomAdminCommands(program: Command, rooms: Command): void {
  /** A change to the room named first, then the room as it is afterwards: the change answers nothing. */
  const changeRoom =
    <A extends unknown[]>(change: (client: ChatClient, room: Room, ...args: A) => Promise<void>) =>
    (name: string, ...args: A) =>
      withClient(program, async (client, { json }) => {
        const room = await findRoom(client, name);
        await change(client, room, ...args);
        printRoom(await findRoom(client, room.id), json);
      });

  rooms
    .command('create')
    .description('create a room, which you then own')
    .argument('<name...>', 'its name; several words are joined with spaces')
    .option('--topic <topic>', 'what it is for')
    .option('--private', 'readable by its members only (default: public)')
    .action((words: string[], opts: { topic?: string; private?: boolean }) =>
      withClient(program, async (client, { json }) => {
        printRoom(await client.api.room.create.mutate({ name: words.join(' '), topic: opts.topic, kind: opts.private ? 'private' : 'public' }), json);
      }),
    );
  rooms
    .command('rename')
    .description('rename a room you look after (its owner or an admin)')
    .argument('<room>', ROOM)
    .argument('<name...>', 'the new name; several words are joined with spaces')
    .action(changeRoom((client, room, words: string[]) => client.api.room.update.mutate({ roomId: room.id, name: words.join(' ') })));
  rooms
    .command('topic')
    .description("change the topic of a room you look after; \"\" clears it")
    .argument('<room>', ROOM)
    .argument('<topic...>', 'the new topic; several words are joined with spaces')
    .action(changeRoom((client, room, words: string[]) => client.api.room.update.mutate({ roomId: room.id, topic: words.join(' ') })));
  rooms
    .command('archive')
    .description('archive a room you look after: it is read-only (still read and searched) until unarchived')
    .argument('<room>', ROOM)
    .option('--undo', 'unarchive it')
    .action(changeRoom((client, room, opts: { undo?: boolean }) => client.api.room.setArchived.mutate({ roomId: room.id, archived: !opts.undo })));
  rooms
    .command('admin')
    .description('make a member an admin of a room you own, or a plain member again')
    .argument('<room>', ROOM)
    .argument('<username>')
    .option('--remove', 'make them a plain member again')
    .action((name: string, username: string, opts: { remove?: boolean }) =>
      withClient(program, async (client, { json }) => {
        const room = await findRoom(client, name);
        const user = await findMember(client, room, username);
        const role = opts.remove ? 'member' : 'admin';
        await client.api.room.setRole.mutate({ roomId: room.id, userId: user.id, role });
        if (json) printJson({ roomId: room.id, user, role });
        else print(`${formatUser(user)} is now ${role === 'admin' ? 'an admin' : 'a member'} of ${room.name}.`);
      }),
    );
  rooms
    .command('remove')
    .description('remove a member from a room you look after')
    .argument('<room>', ROOM)
    .argument('<username>')
    .action((name: string, username: string) =>
      withClient(program, async (client, { json }) => {
        const room = await findRoom(client, name);
        const user = await findMember(client, room, username);
        await client.api.room.removeMember.mutate({ roomId: room.id, userId: user.id });
        if (json) printJson({ roomId: room.id, removed: user });
        else print(`Removed ${formatUser(user)} from ${room.name}.`);
      }),
    );
  rooms
    .command('delete')
    .description('delete a room you own, with every message and file in it, for everyone')
    .argument('<room>', ROOM)
    .option('--yes', 'delete it: nothing of it can be brought back')
    .action((name: string, opts: { yes?: boolean }) =>
      withClient(program, async (client, { json }) => {
        const room = await findRoom(client, name);
        // Nothing of it can be brought back, so a mistyped room name alone must not do it.
        if (!opts.yes) throw new ChatError('BAD_REQUEST', `this deletes ${room.name} and every message in it, for everyone and for good: add --yes to do it`);
        await client.api.room.delete.mutate({ roomId: room.id });
        if (json) printJson({ roomId: room.id, deleted: true });
        else print(`Deleted ${room.name}.`);
      }),
    );
}
