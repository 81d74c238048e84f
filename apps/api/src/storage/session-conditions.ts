import { and, eq, gt, ne, type Column } from 'drizzle-orm';
import { num } from './rows.ts';
import type { SessionSelection, SessionWindow } from './store.ts';

// WHERE conditions on the sessions table, shared by both engines' tables (same column names).

interface SessionColumns {
  id: Column;
  expiresAt: Column;
  lastUsedAt: Column;
}

export const aliveSessions = (t: SessionColumns, alive: SessionWindow) => and(gt(t.expiresAt, alive.now), gt(t.lastUsedAt, alive.usedAfter));

export const selectedSessions = (t: SessionColumns, which: SessionSelection) =>
  'only' in which ? eq(t.id, num(which.only)) : ne(t.id, num(which.except));
