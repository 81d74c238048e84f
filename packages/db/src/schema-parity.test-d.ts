import type * as pg from './pg-schema.ts';
import type * as sqlite from './schema.ts';

// The stores share row helpers and queries across engines (apps/api/src/storage), which holds
// only while every table has the same row types in both schemas. When they drift, tsc fails
// below and names the table, or `table.column`, that differs.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type OnlyInOne<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;
type DifferingKeys<A, B> = OnlyInOne<A, B> | { [K in keyof A & keyof B]: Equal<A[K], B[K]> extends true ? never : K }[keyof A & keyof B];
/** The table alone when only a column's optionality differs. */
type Drift<Table extends string, A, B> =
  Equal<A, B> extends true ? never : [DifferingKeys<A, B>] extends [never] ? Table : `${Table}.${DifferingKeys<A, B> & string}`;

type Sqlite = typeof sqlite;
type Pg = typeof pg;
type Shared = keyof Sqlite & keyof Pg;
type SelectDrift = { [T in Shared]: Drift<T, Sqlite[T]['$inferSelect'], Pg[T]['$inferSelect']> }[Shared];
type InsertDrift = { [T in Shared]: Drift<T, Sqlite[T]['$inferInsert'], Pg[T]['$inferInsert']> }[Shared];

/** Compiles only when `Names` is never; otherwise tsc prints the names. */
type NoneOf<Names extends never> = Names;
type _SameTables = NoneOf<OnlyInOne<Sqlite, Pg>>;
type _SameSelectRows = NoneOf<SelectDrift>;
type _SameInsertRows = NoneOf<InsertDrift>;
