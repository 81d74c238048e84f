import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { roomChannel } from '../fanout/fanout.ts';
import { MemoryFanOut } from '../fanout/memory-fanout.ts';
import { RoomListeners } from './room-listeners.ts';
import { SqliteStore } from '../storage/sqlite-store.ts';
import { ReplayReads } from './replay-reads.ts';

let store: SqliteStore;
let fanout: MemoryFanOut;
let listeners: RoomListeners;
let authorId: string;
let roomId: string;
beforeEach(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'replay-reads-')), 'chat.db'));
  authorId = (await store.createUser({ username: 'ana', displayName: 'Ana', passwordHash: '!' })).id;
  roomId = await store.createRoom({ name: 'r', topic: '', kind: 'public', createdBy: authorId });
  fanout = new MemoryFanOut();
  listeners = new RoomListeners(fanout);
});
afterEach(() => store.close());

const send = (n: number) => store.sendMessage({ roomId, authorId, body: `m${n}`, clientMsgId: `m${n}`, now: Date.now() });

test('subscribers resuming from one position share one read, the very same event objects', async () => {
  for (let i = 0; i < 3; i++) await send(i);
  const reads = new ReplayReads(store, listeners);
  const first = await reads.read(roomId, 0, 500, reads.mark());
  const second = await reads.read(roomId, 0, 500, reads.mark());
  expect(first.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(second).toBe(first);
});

test('a read that found nothing is not kept: what is stored later is found', async () => {
  const reads = new ReplayReads(store, listeners);
  expect(await reads.read(roomId, 0, 500, reads.mark())).toEqual([]);
  await send(1);
  expect((await reads.read(roomId, 0, 500, reads.mark())).map((e) => e.seq)).toEqual([1]);
});

test('an edit or a deletion in a room, heard on its channel, ends the sharing of its reads: nobody is handed the old text', async () => {
  const { message } = await send(1);
  const reads = new ReplayReads(store, listeners);
  const before = await reads.read(roomId, 0, 500, reads.mark());
  expect(await reads.read(roomId, 0, 500, reads.mark())).toBe(before);
  // Published by whichever process made the edit.
  const event = await store.editMessage({ messageId: message.id, body: 'corrected', now: Date.now() });
  await fanout.publish(roomChannel(roomId), { kind: 'event', event });
  const after = await reads.read(roomId, 0, 500, reads.mark());
  expect(after).not.toBe(before);
  expect(after.map((e) => e.payload.message.body)).toEqual(['corrected', 'corrected']);
});

test("a room's reads stop listening to its channel once none is kept", async () => {
  await send(1);
  const reads = new ReplayReads(store, listeners);
  await reads.read(roomId, 0, 500, reads.mark());
  const event = (await store.eventsAfter(roomId, 0, 1))[0];
  if (!event) throw new Error('no event');
  await fanout.publish(roomChannel(roomId), { kind: 'event', event: { ...event, payload: { ...event.payload, type: 'deleted' } } });
  // The read was dropped, and with it the last listener of the channel.
  expect((fanout as unknown as { listeners: Map<string, unknown> }).listeners.has(roomChannel(roomId))).toBe(false);
});
