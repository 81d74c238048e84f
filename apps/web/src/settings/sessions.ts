import type { RouterOutputs } from '@chat/api/router';

export type Session = RouterOutputs['auth']['sessions'][number];

/** This device on top, the rest as the server ordered them (most recently used first). */
export function currentFirst(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
}

const otherSessions = (count: number) => (count === 1 ? '1 other session' : `${count} other sessions`);

/** What "Sign out all other sessions" did. */
export function othersSignedOutText(ended: number): string {
  return ended === 0 ? 'No other session was signed in.' : `Signed out ${otherSessions(ended)}.`;
}

/** What a password change did, to the sessions too: they end with it. */
export function passwordChangedText(ended: number): string {
  if (ended === 0) return 'Password changed. No other session was signed in.';
  return `Password changed. ${otherSessions(ended)} ${ended === 1 ? 'was' : 'were'} signed out.`;
}
