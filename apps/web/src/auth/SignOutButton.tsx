import { trpc } from '../trpc.ts';
import { button } from '../ui/styles.ts';
import { useAuth } from './authContext.ts';

export function SignOutButton() {
  const { forget } = useAuth();
  // The token is forgotten whatever the server says: signing out must work offline too.
  const logout = trpc.auth.logout.useMutation({ onSettled: forget, networkMode: 'always' });
  return (
    <button type="button" className={button.ghost} disabled={logout.isPending} onClick={() => logout.mutate()}>
      Sign out
    </button>
  );
}
