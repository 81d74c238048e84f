import type { SessionServices } from './session-services.ts';
import { SESSIONS_CHANNEL } from '../fanout/fanout.ts';
import type { SessionSelection } from '../storage/store.ts';
import { aliveAt } from './session-lifetime.ts';

/** Ends some of a user's sessions, with what they have open anywhere; returns how many were alive. */
export async function endSessions(app: SessionServices, userId: string, which: SessionSelection): Promise<number> {
  return announceEnded(app, await app.store.endSessions(userId, which, aliveAt(app.config)));
}

/** Ends the open sockets and subscriptions of these sessions on every server process, this one too. */
export async function announceEnded(app: SessionServices, sessionIds: string[]): Promise<number> {
  for (const sessionId of sessionIds) {
    // Here at once, not when the fan-out brings it back: the caller's next call on its own socket must already be refused.
    app.liveSessions.revoke(sessionId);
    await app.fanout.publish(SESSIONS_CHANNEL, { kind: 'session-revoked', sessionId });
  }
  return sessionIds.length;
}
