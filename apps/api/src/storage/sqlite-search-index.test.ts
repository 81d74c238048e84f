import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { SqliteStore } from './sqlite-store.ts';

let file: string;
let store: SqliteStore;
let peek: Database.Database;

beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'chat-search-index-')), 'chat.db');
  store = new SqliteStore(file);
  // A second connection, as an operator's sqlite3 shell would be: it sees only what is committed.
  peek = new Database(file);
  peek.pragma('busy_timeout = 5000');
});

afterEach(async () => {
  peek.close();
  await store.close();
});

const indexedUpTo = () => (peek.prepare('SELECT indexed_up_to AS n FROM search_index_progress').get() as { n: number }).n;
const lastMessageId = () => (peek.prepare('SELECT coalesce(max(id), 0) AS n FROM messages').get() as { n: number }).n;
// FTS5 compares every entry of the index with the messages table and throws on any difference.
const checkIndex = () => peek.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();

async function roomWithAuthor() {
  const author = await store.createUser({ username: 'ida', displayName: 'Ida', passwordHash: 'h' });
  const roomId = await store.createRoom({ name: 'Index', topic: '', kind: 'public', createdBy: author.id });
  let n = 0;
  const send = (body: string) => store.sendMessage({ roomId, authorId: author.id, body, clientMsgId: `c${n++}`, now: Date.now() });
  return { send, author };
}

test('messages are indexed after their send has committed, without waiting for a search', async () => {
  const { send } = await roomWithAuthor();
  // More than one batch, sent together as a busy server receives them.
  for (let wave = 0; wave < 25; wave++) await Promise.all(Array.from({ length: 100 }, (_, i) => send(`wave ${wave} message ${i}`)));
  expect(lastMessageId()).toBe(2_500);
  expect(indexedUpTo()).toBeLessThan(2_500);
  await vi.waitFor(() => expect(indexedUpTo()).toBe(2_500), { timeout: 10_000, interval: 50 });
  checkIndex();
});

test('edits and deletions keep the index exact, before and after a message is indexed', async () => {
  const { send } = await roomWithAuthor();
  const indexed = await send('indexed words');
  const removed = await send('indexed then removed');
  await vi.waitFor(() => expect(indexedUpTo()).toBe(2), { timeout: 5_000, interval: 20 });
  await store.editMessage({ messageId: indexed.message.id, body: 'indexed, edited', now: Date.now() });
  await store.deleteMessage({ messageId: removed.message.id, now: Date.now() });
  // The check compares with every row of the table, so it runs only when nothing is pending.
  checkIndex();
  const pending = await send('pending words');
  const pendingRemoved = await send('pending then removed');
  await store.editMessage({ messageId: pending.message.id, body: 'pending, edited', now: Date.now() });
  await store.deleteMessage({ messageId: pendingRemoved.message.id, now: Date.now() });
  expect(indexedUpTo()).toBe(2);
  await vi.waitFor(() => expect(indexedUpTo()).toBe(4), { timeout: 5_000, interval: 20 });
  checkIndex();
  const hits = await store.searchMessages({ userId: '1', query: 'edited', roomId: null, limit: 10 });
  expect(hits.map((h) => h.message.body)).toEqual(['pending, edited', 'indexed, edited']);
});

test('with nothing to index, a search does not wait for the write lock', async () => {
  const { send } = await roomWithAuthor();
  await send('a quiet afternoon');
  expect(await store.searchMessages({ userId: '1', query: 'quiet', roomId: null, limit: 10 })).toHaveLength(1);
  // Another connection writing (an operator's shell, a long migration) holds the lock for now.
  peek.exec('BEGIN IMMEDIATE');
  try {
    expect(await store.searchMessages({ userId: '1', query: 'afternoon', roomId: null, limit: 10 })).toHaveLength(1);
  } finally {
    peek.exec('ROLLBACK');
  }
}, 15_000);

test('closing the store indexes what is pending, so a restart starts with a complete index', async () => {
  const { send } = await roomWithAuthor();
  await send('said just before shutdown');
  expect(indexedUpTo()).toBe(0);
  await store.close();
  expect(indexedUpTo()).toBe(1);
  store = new SqliteStore(file);
  expect((await store.searchMessages({ userId: '1', query: 'shutdown', roomId: null, limit: 10 })).length).toBe(1);
});

test('indexing that keeps failing is reported once, and so is its recovery', async () => {
  const failures: unknown[] = [];
  const recoveries: number[] = [];
  await store.close();
  store = new SqliteStore(file, { onIndexingFailed: (err) => failures.push(err), onIndexingRecovered: (n) => recoveries.push(n) });
  const { send } = await roomWithAuthor();
  // The index table gone, as in a damaged or hand-edited database: every batch fails.
  const definition = (peek.prepare("SELECT sql FROM sqlite_schema WHERE name = 'messages_fts'").get() as { sql: string }).sql;
  peek.exec('DROP TABLE messages_fts');
  await send('written while the index is gone');
  await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 5_000, interval: 20 });
  expect(String(failures[0])).toContain('messages_fts');
  // Retried every 200 ms meanwhile, without a report each time.
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(failures).toHaveLength(1);
  expect(recoveries).toEqual([]);
  peek.exec(definition);
  await vi.waitFor(() => expect(recoveries).toHaveLength(1), { timeout: 5_000, interval: 20 });
  expect(recoveries[0]).toBeGreaterThan(1);
  expect(indexedUpTo()).toBe(1);
  checkIndex();
  expect(await store.searchMessages({ userId: '1', query: 'index is gone', roomId: null, limit: 10 })).toHaveLength(1);
});
