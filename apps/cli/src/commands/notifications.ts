import { ChatError, type NotificationLevel } from '@chat/client';
import type { Command } from 'commander';
import { print, printJson } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { withClient } from './with-client.ts';

const SAYS: Record<NotificationLevel, string> = {
  all: 'every message notifies you',
  mentions: 'messages that mention you, and replies to yours, notify you',
  muted: 'muted: nothing notifies you',
};

const isLevel = (given: string): given is NotificationLevel => Object.hasOwn(SAYS, given);

/** `chat rooms notify general muted`: what of a room notifies me, the same on all my devices. */
export function notificationCommands(program: Command, rooms: Command): void {
  rooms
    .command('notify')
    .description('choose what of a room notifies you, on all your devices: all, mentions or muted')
    .argument('<room>', 'room name or id')
    .argument('<level>', 'all (every message), mentions (of you, and replies to yours) or muted (nothing)')
    .action((name: string, level: string) =>
      withClient(program, async (client, { json }) => {
        if (!isLevel(level)) throw new ChatError('BAD_REQUEST', `level: must be all, mentions or muted, not "${level}"`);
        const room = await client.api.room.setNotificationLevel.mutate({ roomId: (await findRoom(client, name)).id, level });
        if (json) printJson(room);
        else print(`${room.name}: ${SAYS[room.notificationLevel]}.`);
      }),
    );
}
