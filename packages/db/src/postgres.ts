import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './pg-schema.ts';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PgConnection {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface PgOptions {
  /** Connections per process (default 10). */
  max?: number;
  /** Called when an idle or busy connection breaks (server restart, terminated backend). */
  onConnectionError?: (err: Error) => void;
  migrationsFolder?: string;
}

export const POSTGRES_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../migrations/postgres');

/** Any constant: serializes migrations of processes that start at the same time. */
const MIGRATION_LOCK = 7_482_150_391;

/**
 * Connects a pool to `url` and brings the schema up to date. Several server processes may
 * start at once: they take turns through an advisory lock, and the later ones find nothing to do.
 */
export async function openPostgres(url: string, opts: PgOptions = {}): Promise<PgConnection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'chat',
  });
  // Without listeners a broken connection would be an uncaught 'error' that ends the process:
  // the pool reports idle ones, and a connection that breaks while checked out (between the
  // statements of a transaction) reports on itself. Either way the pool drops it and opens a
  // new one when needed; the statement that was using it fails, and the caller sees that error.
  const report = (err: Error) => opts.onConnectionError?.(err);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder: opts.migrationsFolder ?? POSTGRES_MIGRATIONS });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return { db: drizzle(pool, { schema }), pool, close: () => pool.end() };
}
