import { afterAll, beforeAll, expect, test } from 'vitest';
import { roomByName, signUp, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('a new user finds the default rooms and can talk in General', async () => {
  const alice = await signUp(server, 'alice');
  const names = (await alice.client.room.list.query()).map((r) => r.name);
  expect(names).toEqual(expect.arrayContaining(['General', 'Tech Talk', 'Random']));
  const general = await roomByName(alice.client, 'General');
  await alice.client.room.join.mutate({ roomId: general.id });
  const sent = await alice.client.message.send.mutate({ roomId: general.id, body: 'hi', clientMsgId: 'c1' });
  expect(sent.body).toBe('hi');
  await alice.close();
});
