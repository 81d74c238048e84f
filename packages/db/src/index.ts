export * from './schema.ts';
export { openSqlite, type SqliteConnection, type SqliteDb } from './sqlite.ts';
