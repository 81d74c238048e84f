import { sql, type Column, type SQL } from 'drizzle-orm';
import { pgSchema, type PgDb } from '@chat/db/postgres';
import { sqlStateOf } from './errors.ts';

// Pieces of drizzle queries that the PostgreSQL store's modules share.

const { users } = pgSchema;

/** The pool or one transaction: reads inside a transaction must use its connection. */
export type Q = PgDb | Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** A user as messages and events show them. */
export const authorColumns = { id: users.id, username: users.username, displayName: users.displayName };

export type AuthorRow = { id: number; username: string; displayName: string };

/**
 * `column = ANY($1)` with the ids as one array parameter: the statement's text stays the same
 * for any number of ids (drizzle's inArray writes one parameter per id).
 */
export const anyOf = (column: Column, ids: number[]): SQL => sql`${column} = ANY(${sql.param(ids)}::int8[])`;

export const isUniqueViolation = (err: unknown) => sqlStateOf(err) === '23505';
