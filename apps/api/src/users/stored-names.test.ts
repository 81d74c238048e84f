import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { SqliteStore } from '../storage/sqlite-store.ts';
import { cleanStoredDisplayNames } from './stored-names.ts';

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

describe('cleanStoredDisplayNames', () => {
  it('cleans names stored before input was cleaned, across pages, and leaves clean ones alone', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'chat-names-')), 'chat.db'));
    stores.push(store);
    const names = {
      lookalike: 'alice\u200F\u200B',
      spaced: '  Bob   Okafor ',
      composed: 'Jose\u0301',
      invisible: '\u200B\u2060',
      long: 'n'.repeat(80),
      accented: 'José',
      plain: 'Carol',
    };
    const ids: Record<string, string> = {};
    for (let i = 0; i < 600; i++) await store.createUser({ username: `filler${i}`, displayName: `Filler\u200B${i}`, passwordHash: 'h' });
    for (const [username, displayName] of Object.entries(names)) ids[username] = (await store.createUser({ username, displayName, passwordHash: 'h' })).id;

    expect(await cleanStoredDisplayNames(store, createLogger('silent'))).toBe(605);
    const shown = async (username: string) => (await store.getUser(ids[username] as string))?.displayName;
    expect(await shown('lookalike')).toBe('alice');
    expect(await shown('spaced')).toBe('Bob Okafor');
    expect(await shown('composed')).toBe('José');
    expect(await shown('invisible')).toBe('invisible');
    expect(await shown('long')).toBe('n'.repeat(64));
    expect(await shown('accented')).toBe('José');
    expect(await shown('plain')).toBe('Carol');
    expect((await store.searchUsers('filler599', 1))[0]?.displayName).toBe('Filler599');
    // A second start finds nothing left to do.
    expect(await cleanStoredDisplayNames(store, createLogger('silent'))).toBe(0);
  });
});
