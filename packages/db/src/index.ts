import type * as pgTables from './pg-schema.ts';
import type * as sqliteTables from './schema.ts';

export * from './schema.ts';
export { openSqlite, SQLITE_MIGRATIONS, type SqliteConnection, type SqliteDb, type SqliteOptions } from './sqlite.ts';
/** The SQLite tables as one object, like `pgSchema` (`@chat/db/postgres`), for queries written once for both engines. */
export * as sqliteSchema from './schema.ts';
/** Either engine's tables; schema-parity.test-d.ts keeps their row types the same. */
export type EitherSchema = typeof sqliteTables | typeof pgTables;
// PostgreSQL's tables and connection are `@chat/db/postgres` (postgres-entry.ts).
