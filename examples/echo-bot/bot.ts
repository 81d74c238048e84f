// A bot that answers !ping, !time and !roll NdM in one room, and survives restarts of the
// server (the SDK resumes its subscription) and of itself (it keeps its cursor in a file).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createChatClient, isChatError, type RoomEvent } from '@chat/client';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const cursorFile = env('BOT_CURSOR_FILE', '.echo-bot-cursor');
const credentials = { username: env('BOT_USERNAME', 'echo-bot'), password: env('BOT_PASSWORD', 'echo-bot-password') };

const chat = createChatClient({ url: env('CHAT_URL', 'http://localhost:3000') });
const { user } = await chat.login(credentials).catch((err: unknown) => {
  if (isChatError(err, 'UNAUTHORIZED')) return chat.register({ ...credentials, displayName: 'Echo Bot' });
  throw err;
});
const room = (await chat.api.room.list.query()).find((r) => r.name === env('BOT_ROOM', 'General'));
if (!room) throw new Error('no such room');
const roomId = room.id;
await chat.api.room.join.mutate({ roomId });

const roll = (count: number, sides: number) => Array.from({ length: count }, () => 1 + Math.floor(Math.random() * sides));

function answer(text: string): string | null {
  if (text === '!ping') return 'pong';
  if (text === '!time') return `It is ${new Date().toISOString()}`;
  const dice = /^!roll (\d{1,2})d(\d{1,4})$/.exec(text);
  if (!dice) return text.startsWith('!roll') ? 'Usage: !roll 2d6 (1–20 dice, 2–1000 sides)' : null;
  const [count, sides] = [Number(dice[1]), Number(dice[2])];
  if (count < 1 || count > 20 || sides < 2 || sides > 1000) return 'Usage: !roll 2d6 (1–20 dice, 2–1000 sides)';
  const rolls = roll(count, sides);
  return `🎲 ${count}d${sides}: ${rolls.join(' + ')} = ${rolls.reduce((a, b) => a + b, 0)}`;
}

async function onEvent({ type, message }: RoomEvent): Promise<void> {
  if (type !== 'created' || message.author.id === user.id) return;
  const reply = answer(message.body.trim());
  // One reply id per command: a command seen again after a crash is never answered twice.
  if (reply) await chat.send(roomId, reply, { clientMsgId: `echo-bot:${message.id}` });
}

const since = existsSync(cursorFile) ? readFileSync(cursorFile, 'utf8').trim() : null;
// Written aside and renamed into place: a bot killed mid-write would otherwise leave an empty
// file, and start its next run with no cursor at all.
const saveCursor = (cursor: string) => {
  writeFileSync(`${cursorFile}.tmp`, cursor);
  renameSync(`${cursorFile}.tmp`, cursorFile);
};
const follow = chat.follow(roomId, onEvent, { since, onCursor: saveCursor });
process.once('SIGTERM', () => follow.stop());
console.log(`echo-bot: answering in #${room.name} as @${user.username}`);
await follow.done;
await chat.close();
