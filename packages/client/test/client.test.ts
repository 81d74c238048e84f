import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '@chat/api/server';
import { createChatClient, isChatError, type ChatClient, type RoomEvent } from '../src/node.ts';

let server: RunningServer;
let options: ServerOptions;
const clients: ChatClient[] = [];
let users = 0;

beforeAll(async () => {
  options = { port: 0, dataDir: mkdtempSync(join(tmpdir(), 'chat-sdk-')), logLevel: 'silent', rateLimit: false };
  server = await startServer(options);
  options.port = server.port;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => server.close());

async function newClient(): Promise<ChatClient> {
  const client = createChatClient({ url: server.url, retryDelayMs: () => 50 });
  clients.push(client);
  await client.register({ username: `sdk${process.pid}_${++users}`, password: 'correct horse battery' });
  return client;
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function general(client: ChatClient): Promise<string> {
  const room = (await client.api.room.list.query()).find((r) => r.name === 'General');
  if (!room) throw new Error('no General');
  return room.id;
}

test('register signs the client in; send makes one message per call with its own clientMsgId', async () => {
  const client = await newClient();
  expect(client.token).toEqual(expect.any(String));
  const me = await client.api.auth.me.query();
  expect(me?.username).toMatch(/^sdk/);
  const roomId = await general(client);
  const a = await client.send(roomId, 'one');
  const b = await client.send(roomId, 'two');
  expect(a.clientMsgId).not.toBe(b.clientMsgId);
  const again = await client.send(roomId, 'one, retried', { clientMsgId: a.clientMsgId });
  expect(again.id).toBe(a.id);
});

test('a program that gives its userAgent is named by it in the list of sessions', async () => {
  const username = `sdk${process.pid}_${++users}`;
  const bot = createChatClient({ url: server.url, requests: 'http', userAgent: 'my-bot/1.2' });
  clients.push(bot);
  await bot.register({ username, password: 'correct horse battery' });
  expect((await bot.api.auth.sessions.query()).map((s) => s.device)).toEqual(['my-bot/1.2']);
});

test('follow keeps a cursor; a restarted program resumes from it with nothing missed or repeated', async () => {
  const writer = await newClient();
  const roomId = await general(writer);
  const first = await newClient();
  const seen: RoomEvent[] = [];
  let stored: string | null = null;
  const handle = first.follow(roomId, (e) => void seen.push(e), { onCursor: (c) => void (stored = c) });
  await new Promise((r) => setTimeout(r, 100));
  for (const body of ['a', 'b', 'c']) await writer.send(roomId, body);
  await until(() => seen.length === 3);
  expect(handle.cursor).toBe(stored);
  handle.stop();
  await first.close();

  for (const body of ['d', 'e']) await writer.send(roomId, body);
  const second = createChatClient({ url: server.url, token: writer.token });
  clients.push(second);
  const resumed: RoomEvent[] = [];
  second.follow(roomId, (e) => void resumed.push(e), { since: stored });
  await until(() => resumed.length === 2);
  await writer.send(roomId, 'f');
  await until(() => resumed.length === 3);
  expect(resumed.map((e) => e.message.body)).toEqual(['d', 'e', 'f']);
  expect(seen.map((e) => e.message.body)).toEqual(['a', 'b', 'c']);
});

test('a reply answers a message and joins its thread; reactions and pins reach the handler whole, with who and which emoji', async () => {
  const [ana, ben] = [await newClient(), await newClient()];
  const roomId = await general(ana);
  const seen: RoomEvent[] = [];
  const handle = ana.follow(roomId, (e) => void seen.push(e));
  await new Promise((r) => setTimeout(r, 100));
  const question = await ana.send(roomId, 'lunch?');
  const answer = await ben.send(roomId, 'noodles', { replyToId: question.id });
  expect(answer).toMatchObject({ replyTo: { id: question.id, excerpt: 'lunch?' }, threadRootId: question.id });
  await ben.api.message.react.mutate({ messageId: question.id, emoji: '👍' });
  await ana.api.message.pin.mutate({ messageId: answer.id });
  await ben.api.message.unreact.mutate({ messageId: question.id, emoji: '👍' });
  await until(() => seen.length === 5);
  handle.stop();

  const [anaName, benName] = [question.author.username, answer.author.username];
  expect(seen.map((e) => [e.type, 'by' in e ? e.by.username : null, 'emoji' in e ? e.emoji : null])).toEqual([
    ['created', null, null],
    ['created', null, null],
    ['reacted', benName, '👍'],
    ['pinned', anaName, null],
    ['unreacted', benName, '👍'],
  ]);
  expect(seen[2]?.message.reactions).toEqual([{ emoji: '👍', count: 1, users: [expect.objectContaining({ username: benName })] }]);
  const thread = await ana.api.message.thread.query({ messageId: answer.id });
  expect([thread.root.id, thread.root.replyCount, thread.replies.map((m) => m.body)]).toEqual([question.id, 1, ['noodles']]);
});

test('a room is followed once per client: a second follow of it ends with BAD_REQUEST, the first goes on', async () => {
  const client = await newClient();
  const roomId = await general(client);
  const seen: RoomEvent[] = [];
  const first = client.follow(roomId, (e) => void seen.push(e));
  await new Promise((r) => setTimeout(r, 100));
  const second = client.follow(roomId, () => {});
  const error = await second.done.then(() => null, (err: unknown) => err);
  expect(isChatError(error, 'BAD_REQUEST')).toBe(true);
  await client.send(roomId, 'still followed');
  await until(() => seen.length === 1);
  first.stop();
});

test('the handler runs one event at a time, and the cursor waits for it', async () => {
  const client = await newClient();
  const roomId = await general(client);
  const order: string[] = [];
  const handle = client.follow(roomId, async (e) => {
    order.push(`start ${e.message.body}`);
    await new Promise((r) => setTimeout(r, 30));
    order.push(`end ${e.message.body}`);
  });
  await new Promise((r) => setTimeout(r, 100));
  await client.send(roomId, 'x');
  await client.send(roomId, 'y');
  await until(() => order.length === 4);
  expect(order).toEqual(['start x', 'end x', 'start y', 'end y']);
  expect(handle.cursor).not.toBeNull();
});

test('a send made while the server is down is retried and lands once; follow resumes across the restart', async () => {
  const client = await newClient();
  const roomId = await general(client);
  const received: string[] = [];
  client.follow(roomId, (e) => void received.push(e.message.body));
  await new Promise((r) => setTimeout(r, 100));
  await client.send(roomId, 'before');
  await until(() => received.includes('before'));

  await server.close();
  const sending = client.send(roomId, 'during', { attempts: 20 });
  await new Promise((r) => setTimeout(r, 300));
  server = await startServer(options);
  const sent = await sending;
  await client.send(roomId, 'after');
  await until(() => received.includes('after'));
  expect(received.filter((b) => b === 'during')).toEqual(['during']);
  const history = await client.api.message.history.query({ roomId, limit: 100 });
  expect(history.messages.filter((m) => m.clientMsgId === sent.clientMsgId)).toHaveLength(1);
});

test('errors are typed: code and field, and which ones are worth retrying', async () => {
  const client = await newClient();
  const err = await client.send('not-an-id', 'x').catch((e: unknown) => e);
  expect(isChatError(err, 'BAD_REQUEST')).toBe(true);
  expect(isChatError(err) && err.field).toBe('roomId');
  expect(isChatError(err) && err.retriable).toBe(false);
  const anonymous = createChatClient({ url: server.url });
  clients.push(anonymous);
  const denied = await anonymous.send('1', 'x', { attempts: 1 }).catch((e: unknown) => e);
  expect(isChatError(denied, 'UNAUTHORIZED')).toBe(true);
  const wrong = await anonymous.login({ username: 'nobody_here', password: 'whatever1' }).catch((e: unknown) => e);
  expect(isChatError(wrong, 'UNAUTHORIZED')).toBe(true);
});
