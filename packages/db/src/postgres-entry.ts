// `@chat/db/postgres`: what only the PostgreSQL store uses, apart from the index, so that a server
// on SQLite never loads pg (the compiled server's chunks follow the modules that import them).
/** The PostgreSQL tables: same names and row types as the SQLite ones in the index. */
export * as pgSchema from './pg-schema.ts';
export { openPostgres, POSTGRES_MIGRATIONS, type PgConnection, type PgDb, type PgOptions } from './postgres.ts';
