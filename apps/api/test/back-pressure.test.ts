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

  // A raw tRPC WebSocket client that subscribes and then never reads from its socket again.
  const stuck = new WebSocket(`${server.wsUrl}?connectionParams=1`);
  await new Promise((resolve) => stuck.once('open', resolve));
  stuck.send(JSON.stringify({ method: 'connectionParams', data: { token: writer.token } }));
  // Many subscriptions on the one socket fill its buffer many times faster than one would.
  const subscriptions = 200;
  let started = 0;
  const allStarted = new Promise<void>((resolve) =>
    stuck.on('message', (data) => String(data).includes('"started"') && ++started === subscriptions && resolve()),
  );
  for (let id = 1; id <= subscriptions; id++) {
    stuck.send(JSON.stringify({ id, method: 'subscription', params: { path: 'message.onEvent', input: { roomId: general.id } } }));
  }
  await allStarted;
  // The cut can reach the client before or after it reads again.
  const closed = new Promise((resolve) => stuck.once('close', resolve));
  const socket = (stuck as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  socket.pause();

  const slowClosed = async () =>
    /chat_slow_consumers_closed_total 1\b/.test(await (await fetch(`${server.url}/metrics`)).text());
  const body = 'x'.repeat(4000);
  let sent = 0;
  // 4 MiB of send buffer plus what the kernel absorbs is reached within a few hundred sends.
  while (!(await slowClosed()) && sent < 2_000) {
    await Promise.all(
      Array.from({ length: 10 }, () =>
        writer.client.message.send.mutate({ roomId: general.id, body, clientMsgId: `bp-${sent++}` }),
      ),
    );
  }
  expect(await slowClosed()).toBe(true);
  // Once it reads again, the client finds its connection closed (and would resume from its lastEventId).
  socket.resume();
  await closed;
  await writer.close();
});
