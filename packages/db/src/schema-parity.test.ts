import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { expect, test } from 'vitest';
import * as pg from './pg-schema.ts';
import * as sqlite from './schema.ts';

// schema-parity.test-d.ts compares the row types; queries written once for both engines also
// need the same table and column names in SQL.
const sqlNames = (schema: Record<string, Table>) =>
  Object.fromEntries(
    Object.entries(schema).map(([key, table]) => [
      key,
      { table: getTableName(table), columns: Object.values(getTableColumns(table)).map((c) => c.name).sort() },
    ]),
  );

test('both schemas have the same tables and columns, by their SQL names', () => {
  expect(sqlNames(pg)).toEqual(sqlNames(sqlite));
});
