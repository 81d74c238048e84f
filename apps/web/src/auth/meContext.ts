import type { User } from '@chat/api-types';
import { createContext, useContext } from 'react';

export const MeContext = createContext<User | null>(null);

/** The signed-in user; only used below <SignedIn>, where one always exists. */
export function useMe(): User {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in tree');
  return me;
}
