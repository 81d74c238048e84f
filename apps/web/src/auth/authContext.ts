import type { User } from '@chat/api-types';
import { createContext, useContext } from 'react';

export interface AuthState {
  token: string | null;
  /** The user from the sign-in answer, so the app needn't wait for auth.me right after signing in. */
  signedInAs: User | null;
  signIn(result: { token: string; user: User }): void;
  /** Forgets the token locally; the caller revokes it on the server when it still can. */
  forget(): void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <SessionProvider>');
  return auth;
}
