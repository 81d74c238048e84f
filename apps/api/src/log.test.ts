import { Writable } from 'node:stream';
import { openPostgres } from '@chat/db/postgres';
import { TRPCError } from '@trpc/server';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createTestDatabase } from '../test/services.ts';
import { createLogger } from './log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

test('a failed PostgreSQL query is logged with its SQL, not its values, however deep in the causes', async () => {
  const { log, lines } = capture();
  const database = await createTestDatabase();
  const pg = await openPostgres(database.url);
  let failure: unknown;
  try {
    await pg.db.execute(sql`SELECT length(${'a secret message body'}) / ${'$argon2id$v=19$hash'}::int`);
  } catch (err) {
    failure = err;
  } finally {
    await pg.close();
    await database.drop();
  }
  expect(failure).toBeInstanceOf(DrizzleQueryError);
  log.error({ err: failure }, 'procedure failed');
  log.error({ err: new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: failure }) }, 'procedure failed');
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line).toContain('Failed query: SELECT length($1) / $2::int');
    expect(line).not.toContain('a secret message body');
  }
  // What the database says stays (here it quotes the bad value itself, which is PostgreSQL's doing).
  expect(lines[0]).toContain('invalid input syntax for type integer');
  // The error object itself is untouched for whoever handles it.
  expect((failure as DrizzleQueryError).params).toEqual(['a secret message body', '$argon2id$v=19$hash']);
});

test('a chain of causes that loops back is logged once round, values cut', () => {
  const { log, lines } = capture();
  const failed = new DrizzleQueryError('SELECT $1', ['a secret token hash'], new Error('connection reset'));
  const wrapper = new Error('could not store the session', { cause: failed });
  failed.cause = wrapper;
  log.error({ err: wrapper }, 'procedure failed');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Failed query: SELECT $1');
  expect(lines[0]).not.toContain('a secret token hash');
});
