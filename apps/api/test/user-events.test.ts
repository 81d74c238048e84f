import { expect, test } from 'vitest';
import { connectHttp, eventually, roomByName, signUp, type Client } from './harness.ts';
import { serverForFile, uniqueName } from './helpers.ts';

const { server, pool } = await serverForFile();

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

test('members of a room hear when someone joins, is invited or leaves, so its member count stays current', async () => {
  const ana = pool.add(await signUp(server, 'ana'));
  const ben = pool.add(await signUp(server, 'ben'));
  const cleo = pool.add(await signUp(server, 'cleo'));
  const room = await ana.client.room.create.mutate({ name: uniqueName('Members') });
  const watch = watchUser(ana.client);
  await watch.ready;
  const memberCount = async () => (await ana.client.room.list.query()).find((r) => r.id === room.id)?.memberCount;

  await ben.client.room.join.mutate({ roomId: room.id });
  await eventually(() => expect(watch.events).toHaveLength(1));
  expect(await memberCount()).toBe(2);
  await ana.client.room.invite.mutate({ roomId: room.id, userId: cleo.user.id });
  await eventually(() => expect(watch.events).toHaveLength(2));
  expect(await memberCount()).toBe(3);
  await ben.client.room.leave.mutate({ roomId: room.id });
  await eventually(() => expect(watch.events).toHaveLength(3));
  expect(await memberCount()).toBe(2);
  watch.stop();
});

test('leaving a room one is not in changes nothing and tells nobody', async () => {
  const ana = pool.add(await signUp(server, 'ana'));
  const eve = pool.add(await signUp(server, 'eve'));
  const room = await ana.client.room.create.mutate({ name: uniqueName('Quiet') });
  const watch = watchUser(ana.client);
  await watch.ready;
  for (let i = 0; i < 5; i++) await eve.client.room.leave.mutate({ roomId: room.id });
  // A real change afterwards: its notice comes after any the leaves would have caused.
  await ana.client.room.invite.mutate({ roomId: room.id, userId: eve.user.id });
  await eventually(() => expect(watch.events.length).toBeGreaterThan(0));
  await new Promise((r) => setTimeout(r, 200));
  expect(watch.events).toEqual(['rooms-changed']);
  watch.stop();
});
