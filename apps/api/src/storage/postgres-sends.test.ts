import pg from 'pg';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/services.ts';
import { DomainError } from './errors.ts';
import { PostgresStore } from './postgres-store.ts';

// Sends that queue while a batch is on its way go as one statement (postgres-sends.ts); each
// still stands alone, and two processes batching into the same rooms neither deadlock nor leave gaps.
let db: TestDatabase;
let stores: PostgresStore[];
let authorId: string;
let rooms: string[];
beforeEach(async () => {
  db = await createTestDatabase();
  stores = [await PostgresStore.open(db.url), await PostgresStore.open(db.url)];
  const [store] = stores as [PostgresStore];
  authorId = (await store.createUser({ username: 'ana', displayName: 'Ana', passwordHash: '!' })).id;
  rooms = [];
  for (let i = 0; i < 5; i++) rooms.push(await store.createRoom({ name: `r${i}`, topic: '', kind: 'public', createdBy: authorId }));
});
afterEach(async () => {
  for (const store of stores) await store.close();
  await db.drop();
});

const send = (clientMsgId: string, opts: { room?: string; attachmentIds?: string[]; replyToId?: string; store?: PostgresStore } = {}) =>
  (opts.store ?? (stores[0] as PostgresStore)).sendMessage({
    roomId: opts.room ?? (rooms[0] as string),
    authorId,
    body: clientMsgId,
    clientMsgId,
    now: Date.now(),
    ...(opts.attachmentIds ? { attachmentIds: opts.attachmentIds } : {}),
    replyToId: opts.replyToId ?? null,
  });

const bodies = async (room: string) => ((await stores[0]?.eventsAfter(room, 0, 1000)) ?? []).map((e) => [e.seq, e.payload.message.body]);

test('sends of one batch get consecutive sequence numbers per room, in the order they were made', async () => {
  const sent = await Promise.all(Array.from({ length: 60 }, (_, i) => send(`m${i}`, { room: rooms[i % 3] })));
  for (const [r, room] of rooms.slice(0, 3).entries()) {
    const own = sent.filter((_, i) => i % 3 === r);
    expect(own.map((s) => s.event?.seq)).toEqual(own.map((_, i) => i + 1));
    expect(await bodies(room)).toEqual(own.map((s, i) => [i + 1, s.message.body]));
    expect((await stores[0]?.getRoomSummary(room))?.lastSeq).toBe(own.length);
  }
});

test('a send that fails leaves nothing behind and does not fail the others of its batch', async () => {
  const results = await Promise.allSettled([send('ok-1'), send('bad', { attachmentIds: ['999'] }), send('lost', { room: '999' }), send('ok-2')]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toMatchObject(new DomainError('BAD_REQUEST', 'attachmentIds: only files you uploaded can be attached'));
  expect((results[2] as PromiseRejectedResult).reason).toMatchObject(new DomainError('NOT_FOUND', 'room not found'));
  expect(await bodies(rooms[0] as string)).toEqual([
    [1, 'ok-1'],
    [2, 'ok-2'],
  ]);
});

test('a send to a room archived while its batch waited for the room fails alone, and takes no number', async () => {
  // Archive the room in a transaction that holds its row, so the batch has read it as it was and then waits.
  const archiver = new pg.Client({ connectionString: db.url });
  await archiver.connect();
  try {
    await archiver.query('BEGIN');
    await archiver.query('UPDATE rooms SET archived_at = 1 WHERE id = $1', [rooms[0]]);
    const batch = Promise.allSettled([send('kept', { room: rooms[1] }), send('refused'), send('kept too', { room: rooms[1] })]);
    await new Promise((r) => setTimeout(r, 300));
    await archiver.query('COMMIT');
    const [kept, refused, keptToo] = await batch;
    expect((refused as PromiseRejectedResult).reason).toMatchObject(new DomainError('BAD_REQUEST', 'roomId: the room is archived'));
    expect([kept.status, keptToo.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(await bodies(rooms[1] as string)).toEqual([
      [1, 'kept'],
      [2, 'kept too'],
    ]);
    expect((await stores[0]?.getRoomSummary(rooms[0] as string))?.lastSeq).toBe(0);
  } finally {
    await archiver.end();
  }
});

test('replies of one batch are checked each on its own: a refused one takes no sequence number', async () => {
  const { message: root } = await send('root');
  const { message: gone } = await send('gone');
  await stores[0]?.deleteMessage({ messageId: gone.id, now: Date.now() });
  const { message: elsewhere } = await send('elsewhere', { room: rooms[1] });
  const [reply, toDeleted, toOtherRoom, plain] = await Promise.allSettled([
    send('reply', { replyToId: root.id }),
    send('to-deleted', { replyToId: gone.id }),
    send('to-other-room', { replyToId: elsewhere.id }),
    send('plain'),
  ]);
  expect((toDeleted as PromiseRejectedResult).reason).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^replyToId: .*deleted/) });
  expect((toOtherRoom as PromiseRejectedResult).reason).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^replyToId: /) });
  const stored = (reply as PromiseFulfilledResult<Awaited<ReturnType<typeof send>>>).value;
  expect(stored.message).toMatchObject({ threadRootId: root.id, replyTo: { id: root.id, excerpt: 'root', deleted: false } });
  expect(stored.event?.payload.message).toEqual(stored.message);
  // root, gone, its deletion, then the batch's two.
  expect([stored.event?.seq, (plain as PromiseFulfilledResult<Awaited<ReturnType<typeof send>>>).value.event?.seq]).toEqual([4, 5]);
  expect(await stores[0]?.getMessage(stored.message.id)).toEqual(stored.message);
});

test('the same clientMsgId twice in one batch stores one message; the second gets it back without an event', async () => {
  const [first, again] = await Promise.all([send('same'), send('same')]);
  expect(first.event).not.toBeNull();
  expect(again.event).toBeNull();
  expect(again.message).toEqual(first.message);
  expect(await bodies(rooms[0] as string)).toHaveLength(1);
});

test('a batch that collides with a send committed meanwhile elsewhere goes again send by send, leaving no gap', async () => {
  const [, other] = stores as [PostgresStore, PostgresStore];
  // Hold the room's row, so the batch takes its snapshot and then waits.
  const blocker = new pg.Client({ connectionString: db.url });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM rooms WHERE id = $1 FOR UPDATE', [rooms[0]]);
    const batch = Promise.all([send('x1'), send('dup'), send('x2')]);
    await new Promise((r) => setTimeout(r, 300));
    const elsewhere = await send('dup', { room: rooms[1], store: other });
    await blocker.query('COMMIT');
    const [x1, dup, x2] = await batch;
    expect(dup.event).toBeNull();
    expect(dup.message).toEqual(elsewhere.message);
    expect([x1.event?.seq, x2.event?.seq]).toEqual([1, 2]);
    expect(await bodies(rooms[0] as string)).toEqual([
      [1, 'x1'],
      [2, 'x2'],
    ]);
  } finally {
    await blocker.end();
  }
});

test('two processes batching into the same rooms in opposite orders neither deadlock nor leave gaps', async () => {
  const [one, two] = stores as [PostgresStore, PostgresStore];
  const rounds = 20;
  await Promise.all(
    [one, two].map(async (store, s) => {
      const order = s === 0 ? rooms : [...rooms].reverse();
      for (let round = 0; round < rounds; round++) {
        await Promise.all(order.map((room, i) => send(`s${s}-r${round}-${i}`, { room, store })));
      }
    }),
  );
  for (const room of rooms) {
    const seqs = (await bodies(room)).map(([seq]) => seq);
    expect(seqs).toEqual(Array.from({ length: 2 * rounds }, (_, i) => i + 1));
  }
});
