import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '@chat/api/server';
import { run, until, type Running } from '../../apps/cli/test/spawn.ts';
import { createChatClient, toChatError, type ChatClient } from '@chat/client';

const dir = mkdtempSync(join(tmpdir(), 'echo-bot-'));
let server: RunningServer;
let options: ServerOptions;
let human: ChatClient;
let roomId: string;

beforeAll(async () => {
  options = { port: 0, dataDir: join(dir, 'data'), logLevel: 'silent', rateLimit: false };
  server = await startServer(options);
  options.port = server.port;
  human = createChatClient({ url: server.url, retryDelayMs: () => 50 });
  await human.register({ username: 'human', password: 'human-password' });
  roomId = (await human.api.room.list.query()).find((r) => r.name === 'General')?.id as string;
});
afterAll(async () => {
  await human.close();
  await server.close();
});

const startBot = (): Running =>
  run(['--import', 'tsx', join(import.meta.dirname, 'bot.ts')], {
    CHAT_URL: server.url,
    BOT_CURSOR_FILE: join(dir, 'cursor'),
    BOT_USERNAME: 'echo',
    BOT_PASSWORD: 'echo-password',
  });

/**
 * The bot's replies in the room, keyed by the command they answer. Read again when the
 * answer was lost: right after the server restart the human's socket may still be reconnecting.
 */
async function replies(): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const page = await human.api.message.history.query({ roomId, limit: 100 });
      return page.messages.filter((m) => m.author.username === 'echo').map((m) => m.body);
    } catch (err) {
      if (!toChatError(err).retriable || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

test('answers each command exactly once, across a server restart and a restart of the bot itself', async () => {
  let bot = startBot();
  await untilAnswering(bot);
  await human.send(roomId, '!ping');
  await human.send(roomId, 'just chatting, no command');
  await human.send(roomId, '!roll 2d6');
  await untilReplies(2, bot);

  await server.close();
  server = await startServer(options);
  await human.send(roomId, '!time');
  await untilReplies(3, bot);

  bot.child.kill('SIGKILL');
  await bot.exited;
  await human.send(roomId, '!ping');
  await human.send(roomId, '!roll 99d6');
  bot = startBot();
  await untilAnswering(bot);
  await untilReplies(5, bot);
  await new Promise((r) => setTimeout(r, 500));
  bot.child.kill('SIGTERM');
  await bot.exited;

  const all = await replies();
  expect(all).toHaveLength(5);
  expect(all[0]).toBe('pong');
  expect(all[1]).toMatch(/^🎲 2d6: [1-6] \+ [1-6] = \d+$/);
  expect(all[2]).toMatch(/^It is \d{4}-/);
  expect(all[3]).toBe('pong');
  expect(all[4]).toMatch(/^Usage: !roll/);
});

/**
 * Until the bot has signed in and follows the room. Starting it (tsx compiling the SDK from source)
 * takes a while when the whole suite shares the machine: it is not counted in the time to answer.
 */
async function untilAnswering(bot: Running): Promise<void> {
  await until(() => bot.lines.some((l) => l.startsWith('echo-bot: answering')), 60_000).catch((err: unknown) => {
    throw new Error(`the bot did not start: ${String(err)}\n${bot.lines.join('\n')}\n${bot.stderr()}`);
  });
}

async function untilReplies(count: number, bot: Running): Promise<void> {
  let seen = 0;
  const end = Date.now() + 20_000;
  while ((seen = (await replies()).length) < count) {
    if (Date.now() > end) throw new Error(`expected ${count} replies, saw ${seen}; the bot said:\n${bot.lines.join('\n')}\n${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
