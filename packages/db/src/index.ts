export * from './schema.ts';
export { openSqlite, SQLITE_MIGRATIONS, type SqliteConnection, type SqliteDb, type SqliteOptions } from './sqlite.ts';
/** The PostgreSQL tables: same names and row types as the SQLite ones above. */
export * as pgSchema from './pg-schema.ts';
export { openPostgres, POSTGRES_MIGRATIONS, type PgConnection, type PgDb, type PgOptions } from './postgres.ts';
