import { toChatError, type ChatClient, type Message } from '@chat/client';
import type { Command } from 'commander';
import { formatMessage, print, printJson, printMessage } from '../output.ts';
import { findRoom } from '../rooms.ts';
import { withClient } from './with-client.ts';

const MESSAGE_ID = 'the message: its [id …] in chat tail, search or thread';

/**
 * `message.delete` takes only one's own messages, `room.deleteMessage` anyone's for those who
 * look after the room; no call tells whose a message is, so the author's way is tried first.
 */
async function deleteMessage(client: ChatClient, messageId: string): Promise<Message> {
  try {
    return await client.api.message.delete.mutate({ messageId });
  } catch (err) {
    if (toChatError(err).code !== 'FORBIDDEN') throw err;
    return client.api.room.deleteMessage.mutate({ messageId });
  }
}

/** Replies, threads, reactions, pins and deletions. */
export function messageExtraCommands(program: Command): void {
  program
    .command('react')
    .description('react to a message with an emoji, or take your reaction back')
    .argument('<messageId>', MESSAGE_ID)
    .argument('<emoji>', 'one emoji, e.g. 👍')
    .option('--remove', 'take your reaction with this emoji back')
    .action((messageId: string, emoji: string, opts: { remove?: boolean }) =>
      withClient(program, async (client, { json }) => {
        const procedure = opts.remove ? client.api.message.unreact : client.api.message.react;
        printMessage(await procedure.mutate({ messageId, emoji }), json);
      }),
    );
  program
    .command('reply')
    .description("answer a message in its room; the answer joins the message's thread")
    .argument('<messageId>', MESSAGE_ID)
    .argument('<text...>', 'the answer (Markdown); several words are joined with spaces')
    .action((messageId: string, words: string[]) =>
      withClient(program, async (client, { json }) => {
        // There is no call that reads one message; its thread's first message is in its room.
        const { root } = await client.api.message.thread.query({ messageId, limit: 1 });
        printMessage(await client.send(root.roomId, words.join(' '), { replyToId: messageId }), json);
      }),
    );
  program
    .command('delete')
    .description("delete a message: your own, or anyone's in a room you look after (its owner or an admin)")
    .argument('<messageId>', MESSAGE_ID)
    .action((messageId: string) =>
      withClient(program, async (client, { json }) => {
        printMessage(await deleteMessage(client, messageId), json);
      }),
    );
  program
    .command('pin')
    .description('pin a message to its room, or unpin it')
    .argument('<messageId>', MESSAGE_ID)
    .option('--remove', 'unpin it')
    .action((messageId: string, opts: { remove?: boolean }) =>
      withClient(program, async (client, { json }) => {
        const procedure = opts.remove ? client.api.message.unpin : client.api.message.pin;
        printMessage(await procedure.mutate({ messageId }), json);
      }),
    );
  program
    .command('pins')
    .description("list a room's pinned messages, the most recently pinned first")
    .argument('<room>', 'room name or id')
    .action((name: string) =>
      withClient(program, async (client, { json }) => {
        const pinned = await client.api.message.pins.query({ roomId: (await findRoom(client, name)).id });
        if (json) return printJson(pinned);
        if (pinned.length === 0) print('No pinned messages.');
        pinned.forEach((message) => print(formatMessage(message)));
      }),
    );
  program
    .command('thread')
    .description('show the thread a message starts or belongs to: its first message, then the newest replies, oldest first')
    .argument('<messageId>', MESSAGE_ID)
    .option('-l, --limit <n>', 'at most this many replies (1–100, default 50)', (v) => Number.parseInt(v, 10))
    .option('-b, --before <cursor>', 'the older replies, from the cursor a previous page named')
    .action((messageId: string, opts: { limit?: number; before?: string }) =>
      withClient(program, async (client, { json }) => {
        const page = await client.api.message.thread.query({ messageId, limit: opts.limit, before: opts.before });
        if (json) return printJson(page);
        print(formatMessage(page.root));
        page.replies.forEach((reply) => print(formatMessage(reply, { shownAbove: page.root.id })));
        if (page.nextCursor) print(`(older replies: chat thread ${messageId} --before ${page.nextCursor})`);
      }),
    );
}
