import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, SQLITE_MIGRATIONS } from '@chat/db';
import { openPostgres, POSTGRES_MIGRATIONS } from '@chat/db/postgres';
import { expect, test } from 'vitest';
import { createTestDatabase } from '../../test/services.ts';
import { PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { ChatStore } from './store.ts';

const DAY = 86_400_000;

/** A copy of `folder` whose journal ends at `lastTag`: the schema of an earlier version. */
function migrationsUpTo(folder: string, lastTag: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'chat-migrations-')), 'migrations');
  cpSync(folder, copy, { recursive: true });
  const journalFile = join(copy, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return copy;
}

// Signed in 20 days before the upgrade, with the 30 days sessions had then.
const signedIn = Date.now() - 20 * DAY;
const OLD_ROWS = `INSERT INTO users (username, display_name, password_hash, created_at) VALUES ('ana', 'Ana', 'h', ${signedIn});
  INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('old', 1, ${signedIn}, ${signedIn + 30 * DAY});`;

/** Even where sessions idle out after a week, a session from before the upgrade goes on. */
async function expectOldSessionAlive(store: ChatStore, upgradedAt: number): Promise<void> {
  const now = Date.now();
  const alive = { now, usedAfter: now - 7 * DAY };
  try {
    expect(await store.findSession('old', alive)).toMatchObject({ user: { username: 'ana' } });
    const [session] = await store.listSessions('1', alive, 10);
    expect(session).toMatchObject({ userAgent: '', createdAt: signedIn });
    expect(session!.lastUsedAt).toBeGreaterThanOrEqual(upgradedAt - 1000);
    expect(await store.findSessionByFileToken('old', alive)).toBeNull();
  } finally {
    await store.close();
  }
}

test('SQLite: sessions from before idle expiry keep working after the upgrade', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'chat-upgrade-')), 'chat.db');
  const before = openSqlite(file, { migrationsFolder: migrationsUpTo(SQLITE_MIGRATIONS, '0004_deleted_means_deleted') });
  before.raw.exec(OLD_ROWS);
  before.close();
  const upgradedAt = Date.now();
  await expectOldSessionAlive(new SqliteStore(file), upgradedAt);
});

test('PostgreSQL: sessions from before idle expiry keep working after the upgrade', async () => {
  const db = await createTestDatabase();
  try {
    const before = await openPostgres(db.url, { migrationsFolder: migrationsUpTo(POSTGRES_MIGRATIONS, '0002_deleted_means_deleted') });
    await before.pool.query(OLD_ROWS);
    await before.close();
    const upgradedAt = Date.now();
    await expectOldSessionAlive(await PostgresStore.open(db.url), upgradedAt);
  } finally {
    await db.drop();
  }
});
