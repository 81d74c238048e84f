import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DomainError } from './errors.ts';
import { SqliteStore } from './sqlite-store.ts';

// Sends made in one turn share one SQLite transaction (group-commit.ts); each still stands alone.
let store: SqliteStore;
let authorId: string;
let roomId: string;
beforeEach(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'chat.db'));
  authorId = (await store.createUser({ username: 'ana', displayName: 'Ana', passwordHash: '!' })).id;
  roomId = await store.createRoom({ name: 'r', topic: '', kind: 'public', createdBy: authorId });
});
afterEach(() => store.close());

const send = (clientMsgId: string, extra: { attachmentIds?: string[] } = {}) =>
  store.sendMessage({ roomId, authorId, body: clientMsgId, clientMsgId, now: Date.now(), ...extra });

test('sends of one turn get consecutive sequence numbers in the order they were made', async () => {
  const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => send(`m${i}`)));
  expect(sent.map((s) => s.event?.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  expect((await store.eventsAfter(roomId, 0, 100)).map((e) => e.payload.message.body)).toEqual(sent.map((s) => s.message.body));
});

test('a send that fails leaves nothing behind and does not fail the others of its turn', async () => {
  const results = await Promise.allSettled([send('ok-1'), send('bad', { attachmentIds: ['999'] }), send('ok-2')]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
  const events = await store.eventsAfter(roomId, 0, 10);
  expect(events.map((e) => [e.seq, e.payload.message.body])).toEqual([
    [1, 'ok-1'],
    [2, 'ok-2'],
  ]);
});

test('the same clientMsgId twice in one turn stores one message; the second gets it back without an event', async () => {
  const [first, again] = await Promise.all([send('same'), send('same')]);
  expect(first?.event).not.toBeNull();
  expect(again?.event).toBeNull();
  expect(again?.message).toEqual(first?.message);
  expect(await store.eventsAfter(roomId, 0, 10)).toHaveLength(1);
});
