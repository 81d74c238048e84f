export * from './schema.ts';
export { openSqlite, SQLITE_MIGRATIONS, type SqliteConnection, type SqliteDb } from './sqlite.ts';
