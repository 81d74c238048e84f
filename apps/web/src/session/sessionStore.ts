import type { User } from '@chat/api-types';
import { loadToken, onTokenChangedElsewhere, saveToken } from '../auth/tokenStorage.ts';
import { createSession, type Session } from './createSession.ts';
import { syncFileCookie } from './fileCookie.ts';

interface SessionState {
  token: string | null;
  /** The user from the sign-in answer, so the app needn't wait for auth.me right after signing in. */
  signedInAs: User | null;
  session: Session;
}

export interface SessionStore {
  get(): SessionState;
  subscribe(listener: () => void): () => void;
  signIn(result: { token: string; user: User }): void;
  /** Forgets the token locally; the caller revokes it on the server when it still can. */
  forget(): void;
}

/**
 * Owns the token and the session built on it, outside React: a token change closes the old
 * socket and cache and opens new ones in one step, with no render ever seeing a mismatch.
 */
export function createSessionStore(): SessionStore {
  const listeners = new Set<() => void>();
  const start = (token: string | null, signedInAs: User | null): SessionState => ({
    token,
    signedInAs,
    session: createSession(token, forget),
  });
  let state = start(loadToken(), null);
  if (state.token !== null) syncFileCookie(state.token);

  function replace(token: string | null, signedInAs: User | null) {
    const previous = state.session;
    syncFileCookie(token);
    state = start(token, signedInAs);
    for (const listener of listeners) listener();
    // Closed once React has swapped the tree, so no unmounting component reopens its socket.
    setTimeout(() => previous.close(), 0);
  }
  function forget() {
    if (state.token === null) return;
    saveToken(null);
    state.session.persistence?.discard();
    replace(null, null);
  }

  onTokenChangedElsewhere((token) => {
    if (token !== state.token) replace(token, null);
  });

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn({ token, user }) {
      saveToken(token);
      replace(token, user);
    },
    forget,
  };
}
