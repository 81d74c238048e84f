import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openSqlite, SQLITE_MIGRATIONS } from './sqlite.ts';

// drizzle-kit rebuilds a SQLite table to change a column: create, copy, DROP the old, rename.
// If foreign keys were on, the DROP would cascade and delete every session and message.
const REBUILD_USERS = `CREATE TABLE \`__new_users\` (
  \`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  \`username\` text NOT NULL,
  \`display_name\` text NOT NULL,
  \`password_hash\` text NOT NULL,
  \`created_at\` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO \`__new_users\` (\`id\`, \`username\`, \`display_name\`, \`password_hash\`, \`created_at\`)
  SELECT \`id\`, \`username\`, \`display_name\`, \`password_hash\`, \`created_at\` FROM \`users\`;
--> statement-breakpoint
DROP TABLE \`users\`;
--> statement-breakpoint
ALTER TABLE \`__new_users\` RENAME TO \`users\`;
--> statement-breakpoint
CREATE UNIQUE INDEX \`users_username_unique\` ON \`users\` (\`username\`);`;

test('a migration that rebuilds a parent table keeps every child row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-migrate-'));
  const migrations = join(dir, 'migrations');
  cpSync(SQLITE_MIGRATIONS, migrations, { recursive: true });
  const file = join(dir, 'chat.db');

  const before = openSqlite(file, { migrationsFolder: migrations });
  before.raw.exec(`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ana', 'Ana', 'h', 1);
    INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 1, 1, 2);
    INSERT INTO rooms (name, name_key, kind, created_at) VALUES ('General', 'general', 'public', 1);
    INSERT INTO room_members (room_id, user_id, joined_at) VALUES (1, 1, 1);`);
  before.close();

  const journalFile = join(migrations, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now(), tag: '9999_rebuild_users', breakpoints: true });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(join(migrations, '9999_rebuild_users.sql'), REBUILD_USERS);

  const after = openSqlite(file, { migrationsFolder: migrations });
  const count = (table: string) => (after.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  expect([count('users'), count('sessions'), count('room_members')]).toEqual([1, 1, 1]);
  expect(after.raw.pragma('foreign_keys', { simple: true })).toBe(1);
  after.close();
});

test('upgrading a database whose messages were indexed as they were sent keeps search exact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-migrate-'));
  const migrations = join(dir, 'migrations');
  cpSync(SQLITE_MIGRATIONS, migrations, { recursive: true });
  const journalFile = join(migrations, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  const upTo = (tag: string) => journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === tag));
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: upTo('0003_search_index_batches') }));
  const file = join(dir, 'chat.db');

  const before = openSqlite(file, { migrationsFolder: migrations });
  before.raw.exec(`INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ana', 'Ana', 'h', 1);
    INSERT INTO rooms (name, name_key, kind, created_at) VALUES ('General', 'general', 'public', 1);
    INSERT INTO messages (room_id, author_id, seq, body, client_msg_id, created_at)
      VALUES (1, 1, 1, 'the old wiki', 'a', 1), (1, 1, 2, 'wiki moved', 'b', 1);`);
  before.close();

  const after = openSqlite(file);
  const found = (q: string) => after.raw.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(q);
  expect(after.raw.prepare('SELECT indexed_up_to FROM search_index_progress').pluck().get()).toBe(2);
  expect(found('wiki')).toEqual([1, 2]);
  after.raw.exec(`UPDATE messages SET body = 'the old docs' WHERE id = 1; DELETE FROM messages WHERE id = 2;`);
  expect([found('wiki'), found('docs')]).toEqual([[], [1]]);
  after.raw.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
  after.close();
});

test('commits wait for their fsync only when asked to (SQLITE_SYNC=full)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-sync-'));
  const normal = openSqlite(join(dir, 'normal.db'));
  const full = openSqlite(join(dir, 'full.db'), { synchronous: 'FULL' });
  // SQLite's numbers: 1 is NORMAL, 2 is FULL.
  expect(normal.raw.pragma('synchronous', { simple: true })).toBe(1);
  expect(full.raw.pragma('synchronous', { simple: true })).toBe(2);
  normal.close();
  full.close();
  rmSync(dir, { recursive: true, force: true });
});
