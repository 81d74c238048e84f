import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SqliteStore } from '../storage/sqlite-store.ts';
import { ReplayReads } from './replay-reads.ts';

let store: SqliteStore;
let authorId: string;
let roomId: string;
beforeEach(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'replay-reads-')), 'chat.db'));
  authorId = (await store.createUser({ username: 'ana', displayName: 'Ana', passwordHash: '!' })).id;
  roomId = await store.createRoom({ name: 'r', topic: '', kind: 'public', createdBy: authorId });
});
afterEach(() => store.close());

const send = (n: number) => store.sendMessage({ roomId, authorId, body: `m${n}`, clientMsgId: `m${n}`, now: Date.now() });

test('subscribers resuming from one position share one read, the very same event objects', async () => {
  for (let i = 0; i < 3; i++) await send(i);
  const reads = new ReplayReads(store);
  const first = await reads.read(roomId, 0, 500, reads.mark());
  const second = await reads.read(roomId, 0, 500, reads.mark());
  expect(first.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(second).toBe(first);
});

test('a read that found nothing is not kept: what is stored later is found', async () => {
  const reads = new ReplayReads(store);
  expect(await reads.read(roomId, 0, 500, reads.mark())).toEqual([]);
  await send(1);
  expect((await reads.read(roomId, 0, 500, reads.mark())).map((e) => e.seq)).toEqual([1]);
});

test('an edit or a deletion in a room ends the sharing of its reads: nobody is handed the old text', async () => {
  const { message } = await send(1);
  const reads = new ReplayReads(store);
  const before = await reads.read(roomId, 0, 500, reads.mark());
  await store.editMessage({ messageId: message.id, body: 'corrected', now: Date.now() });
  reads.changed(roomId);
  const after = await reads.read(roomId, 0, 500, reads.mark());
  expect(after).not.toBe(before);
  expect(after.map((e) => e.payload.message.body)).toEqual(['corrected', 'corrected']);
});
