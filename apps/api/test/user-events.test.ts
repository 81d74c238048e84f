import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectHttp, eventually, roomByName, signUp, startTestServer, type Client, type TestServer } from './harness.ts';
import { ClientPool, uniqueName } from './helpers.ts';

let server: TestServer;
const pool = new ClientPool();
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await pool.closeAll();
  await server.close();
});

function watchUser(client: Client) {
  const events: string[] = [];
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const sub = client.user.onEvent.subscribe(undefined, { onStarted: () => started(), onData: (e) => events.push(e.type) });
  return { events, ready, stop: () => sub.unsubscribe() };
}

test('a new account starts in General, so its room list is never empty', async () => {
  const ana = pool.add(await signUp(server, 'ana'));
  expect(await roomByName(ana.client, 'General')).toMatchObject({ joined: true });
  expect(await roomByName(ana.client, 'Random')).toMatchObject({ joined: false });
});

test('a new direct message or an invitation reaches the other user’s open clients at once', async () => {
  const ana = pool.add(await signUp(server, 'ana'));
  const ben = pool.add(await signUp(server, 'ben'));
  const watch = watchUser(ben.client);
  await watch.ready;
  await ana.client.dm.open.mutate({ userId: ben.user.id });
  await eventually(() => expect(watch.events).toEqual(['rooms-changed']));
  const room = await ana.client.room.create.mutate({ name: uniqueName('invite-notify'), kind: 'private' });
  await ana.client.room.invite.mutate({ roomId: room.id, userId: ben.user.id });
  await eventually(() => expect(watch.events).toEqual(['rooms-changed', 'rooms-changed']));
  watch.stop();
});

test('joining or leaving in one tab tells the user’s other tabs', async () => {
  const ana = pool.add(await signUp(server, 'ana'));
  const otherTab = watchUser(ana.client);
  await otherTab.ready;
  const random = await roomByName(ana.client, 'Random');
  await connectHttp(server, ana.token).room.join.mutate({ roomId: random.id });
  await connectHttp(server, ana.token).room.leave.mutate({ roomId: random.id });
  await eventually(() => expect(otherTab.events).toEqual(['rooms-changed', 'rooms-changed']));
  otherTab.stop();
});

test('errors carry no stack trace to clients', async () => {
  const res = await fetch(`${server.url}/trpc/room.list`);
  const body = (await res.json()) as { error: { data: Record<string, unknown> } };
  expect(body.error.data.code).toBe('UNAUTHORIZED');
  expect(body.error.data).not.toHaveProperty('stack');
});
