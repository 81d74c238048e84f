import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { roomByName, signUp, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('a subscriber that stops reading is disconnected instead of growing server memory', async () => {
  const writer = await signUp(server, 'writer');
  const general = await roomByName(writer.client, 'General');
  await writer.client.room.join.mutate({ roomId: general.id });
  // 12 MB of history, stored directly: a replay of it is far more than the 4 MiB a socket may
  // hold, however much the kernel's buffers absorb.
  const body = 'x'.repeat(4000);
  for (let i = 0; i < 3000; i++) {
    await server.app.store.sendMessage({ roomId: general.id, authorId: writer.user.id, body, clientMsgId: `bp-${i}`, now: Date.now() });
  }

  // A raw tRPC WebSocket client that subscribes from the start and never reads from its socket.
  const stuck = new WebSocket(`${server.wsUrl}?connectionParams=1`);
  await new Promise((resolve) => stuck.once('open', resolve));
  const closed = new Promise((resolve) => stuck.once('close', resolve));
  const socket = (stuck as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  socket.pause();
  stuck.send(JSON.stringify({ method: 'connectionParams', data: { token: writer.token } }));
  stuck.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'message.onEvent', input: { roomId: general.id, lastEventId: '0' } } }));

  const slowClosed = async () => /chat_slow_consumers_closed_total 1\b/.test(await (await fetch(`${server.url}/metrics`)).text());
  for (let i = 0; i < 500 && !(await slowClosed()); i++) await new Promise((r) => setTimeout(r, 20));
  expect(await slowClosed()).toBe(true);
  // Once it reads again, the client finds its connection closed (and would resume from its lastEventId).
  socket.resume();
  await closed;
  await writer.close();
});
