import type { ChatClient, Room, RoomEvent } from '@chat/client';
import type { Command } from 'commander';
import { formatMessage, formatQuote, print, printJson } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { withClient } from './with-client.ts';

interface TailOptions {
  since?: string;
  last?: number;
}

async function printLast(client: ChatClient, room: Room, count: number, json: boolean): Promise<string> {
  const page = await client.api.message.history.query({ roomId: room.id, limit: Math.min(count, 100) });
  for (const message of page.messages) {
    if (json) printJson({ eventId: null, type: 'history', message });
    else print(formatMessage(message));
  }
  return page.lastEventId;
}

/** An event's line: a message as it is now, or who reacted to or pinned which one. */
function formatEvent(event: RoomEvent): string {
  const { message } = event;
  const which = `${formatQuote(message.author, message.body, message.deleted)}  [id ${message.id}]`;
  switch (event.type) {
    case 'created':
      return formatMessage(message);
    case 'updated':
    case 'deleted':
      return formatMessage(message, { prefix: `(${event.type}) ` });
    case 'reacted':
      return `${event.by.displayName} reacted ${event.emoji} to ${which}`;
    case 'unreacted':
      return `${event.by.displayName} took back ${event.emoji} from ${which}`;
    case 'pinned':
    case 'unpinned':
      return `${event.by.displayName} ${event.type} ${which}`;
  }
}

/**
 * Follows a room until interrupted. Every event line carries its eventId; `--since` that id
 * resumes a tail (after a crash, say) with nothing missed and nothing twice.
 */
export function tailCommand(program: Command): void {
  program
    .command('tail')
    .description('follow a room live (Ctrl-C to stop)')
    .argument('<room>', 'room name or id')
    .option('-s, --since <eventId>', 'first replay every event after this id (from an earlier --json line)')
    .option('-n, --last <count>', 'first print the last <count> messages (1–100)', (v) => Number.parseInt(v, 10))
    .action((name: string, opts: TailOptions) =>
      withClient(program, async (client, { json = false }) => {
        const room = await findRoom(client, name);
        const since = opts.last ? await printLast(client, room, opts.last, json) : opts.since;
        const follow = client.follow(room.id, (event) => {
          if (!json) return print(formatEvent(event));
          const { id, ...fields } = event;
          printJson({ eventId: id, ...fields });
        }, { since });
        const stop = () => follow.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await follow.done;
      }),
    );
}
