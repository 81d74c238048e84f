import { expect, test } from 'vitest';
import { expectBadField, expectCode, serverForFile, uniqueName } from './helpers.ts';

const { users: { alice, bob } } = await serverForFile(['alice', 'bob']);

test('a search hit opens in context: the page around it, then newer and older pages up to each end', async () => {
  const room = await alice.client.room.create.mutate({ name: uniqueName('Around') });
  const ids: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const body = `note ${i}`;
    ids.push((await alice.client.message.send.mutate({ roomId: room.id, body, clientMsgId: uniqueName('c') })).id);
  }
  const [hit] = await bob.client.message.search.query({ query: 'note 12', roomId: room.id });
  expect(hit?.message.id).toBe(ids[11]);

  const around = await bob.client.message.history.query({ roomId: room.id, around: hit!.message.id, limit: 10 });
  const bodies = (page: typeof around) => page.messages.map((m) => Number(m.body.slice(5)));
  expect(bodies(around)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  expect(around.lastEventId).toBe('30');

  const seen = [...bodies(around)];
  for (let cursor = around.newerCursor; cursor !== null; ) {
    const page = await bob.client.message.history.query({ roomId: room.id, after: cursor, limit: 10 });
    seen.push(...bodies(page));
    cursor = page.newerCursor;
  }
  for (let cursor = around.nextCursor; cursor !== null; ) {
    const page = await bob.client.message.history.query({ roomId: room.id, before: cursor, limit: 10 });
    seen.unshift(...bodies(page));
    cursor = page.nextCursor;
  }
  expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

  const newest = await bob.client.message.history.query({ roomId: room.id, limit: 10 });
  expect(newest.newerCursor).toBeNull();
});

test('around must name a message of that room, and the positions exclude each other', async () => {
  const room = await alice.client.room.create.mutate({ name: uniqueName('Elsewhere') });
  const other = await alice.client.room.create.mutate({ name: uniqueName('Other') });
  const there = await alice.client.message.send.mutate({ roomId: other.id, body: 'over there', clientMsgId: uniqueName('c') });
  await expectCode(alice.client.message.history.query({ roomId: room.id, around: there.id }), 'NOT_FOUND');
  await expectCode(alice.client.message.history.query({ roomId: room.id, around: '999999999' }), 'NOT_FOUND');
  await expectBadField(alice.client.message.history.query({ roomId: room.id, around: there.id, before: '5' }), 'around');
  await expectBadField(alice.client.message.history.query({ roomId: room.id, after: 'x' }), 'after');
});

test('a private room’s messages cannot be reached around a message id by an outsider', async () => {
  const room = await alice.client.room.create.mutate({ name: uniqueName('Hidden'), kind: 'private' });
  const secret = await alice.client.message.send.mutate({ roomId: room.id, body: 'secret', clientMsgId: uniqueName('c') });
  await expectCode(bob.client.message.history.query({ roomId: room.id, around: secret.id }), ['FORBIDDEN', 'NOT_FOUND']);
});
