import { and, eq, gt, ne, type Column, type SQL } from 'drizzle-orm';
import { num } from './rows.ts';
import type { SessionSelection, SessionWindow } from './store.ts';

// WHERE conditions on the sessions table, shared by both engines' tables (same column names).

interface SessionColumns {
  id: Column;
  expiresAt: Column;
  lastUsedAt: Column;
}

/** Some of a user's sessions, or all of them: a deactivated account keeps none. */
export type SessionsToSelect = SessionSelection | 'all';

export const aliveSessions = (t: SessionColumns, alive: SessionWindow) => and(gt(t.expiresAt, alive.now), gt(t.lastUsedAt, alive.usedAfter));

/** No condition (undefined, which `and` leaves out) for all of them. */
export const selectedSessions = (t: SessionColumns, which: SessionsToSelect): SQL | undefined => {
  if (which === 'all') return undefined;
  return 'only' in which ? eq(t.id, num(which.only)) : ne(t.id, num(which.except));
};
