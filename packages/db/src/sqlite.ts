import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type SqliteDb = BetterSQLite3Database<typeof schema>;

export interface SqliteConnection {
  db: SqliteDb;
  raw: Database.Database;
  close(): void;
}

export const SQLITE_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../migrations/sqlite');

export interface SqliteOptions {
  migrationsFolder?: string;
  /**
   * NORMAL (WAL's usual choice): a process crash loses nothing committed, a power cut may lose
   * the last commits. FULL: every commit waits for its fsync and survives a power cut too.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openSqlite(file: string, { migrationsFolder = SQLITE_MIGRATIONS, synchronous = 'NORMAL' }: SqliteOptions = {}): SqliteConnection {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${synchronous}`);
  raw.pragma('busy_timeout = 5000');
  // An edited or deleted message's old text is zeroed on the page it leaves rather than kept as
  // free space; FAST does it wherever no extra write is needed, which is every in-place update.
  raw.pragma('secure_delete = FAST');
  const db = drizzle(raw, { schema });
  applyMigrations(raw, db, migrationsFolder);
  raw.pragma('foreign_keys = ON');
  return { db, raw, close: () => raw.close() };
}

/**
 * Drizzle runs migrations inside one transaction, where `PRAGMA foreign_keys=OFF` is
 * silently ignored (drizzle-orm#5782): a table rebuild would then cascade-delete child rows.
 * So foreign keys are switched off before the transaction starts, and checked afterwards.
 */
function applyMigrations(raw: Database.Database, db: SqliteDb, migrationsFolder: string): void {
  raw.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const violations = raw.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new Error(`migration left ${violations.length} foreign key violations; refusing to start`);
  }
}
