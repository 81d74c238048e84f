import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { WalCheckpointer } from './sqlite-checkpointer.ts';

let file: string;
let db: Database.Database;
let checkpointer: WalCheckpointer | null = null;

beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'chat-checkpointer-')), 'chat.db');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});

afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = null;
  db.close();
});

const bytes = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
const write = (rows: number) => {
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(1_000));
  })();
};
const start = () => (checkpointer = new WalCheckpointer(db, file, { everyMs: 50, startRows: 100, idleMs: 400 }));
const running = () => checkpointer?.running;

test('what start-up wrote is copied back at once, and no worker runs while nothing is written', async () => {
  write(200);
  expect(bytes(`${file}-wal`)).toBeGreaterThan(200_000);
  start();
  expect(bytes(`${file}-wal`)).toBe(0);
  expect(bytes(file)).toBeGreaterThan(200_000);
  await new Promise((r) => setTimeout(r, 300));
  expect(running()).toBe(false);
});

test('a write starts the worker, which copies the log into the database; it ends once writes stop, and the next write starts it again', async () => {
  start();
  const before = bytes(file);
  write(500);
  // The commit went to the log only: the event loop copies nothing.
  expect(bytes(file)).toBe(before);
  await vi.waitFor(() => expect(running()).toBe(true), { timeout: 2_000, interval: 20 });
  await vi.waitFor(() => expect(bytes(file)).toBeGreaterThan(before + 400_000), { timeout: 5_000, interval: 50 });
  await vi.waitFor(() => expect(running()).toBe(false), { timeout: 3_000, interval: 50 });
  write(100);
  await vi.waitFor(() => expect(running()).toBe(true), { timeout: 2_000, interval: 20 });
  await checkpointer?.stop();
  expect(running()).toBe(false);
});

test('a few rows are copied back by this connection within a tick, with no worker', async () => {
  start();
  const before = bytes(file);
  write(20);
  await vi.waitFor(() => expect(bytes(file)).toBeGreaterThan(before + 10_000), { timeout: 2_000, interval: 20 });
  expect(running()).toBe(false);
});

test('writes keep the worker running', async () => {
  start();
  for (let i = 0; i < 12; i++) {
    write(100);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(running()).toBe(true);
});
