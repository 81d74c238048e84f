import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.ts';
import { describeChatStore } from './store.conformance.ts';

describeChatStore('SQLite', async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'chat-store-')), 'chat.db')));
