import { Tooltip } from 'radix-ui';
import { AuthScreen } from './auth/AuthScreen.tsx';
import { useAuth } from './auth/authContext.ts';
import { SignedIn } from './SignedIn.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';
import type { SessionStore } from './session/sessionStore.ts';

function Screens() {
  const { token } = useAuth();
  return token === null ? <AuthScreen /> : <SignedIn />;
}

export function App({ sessions }: { sessions: SessionStore }) {
  return (
    <SessionProvider store={sessions}>
      <Tooltip.Provider delayDuration={400}>
        <Screens />
      </Tooltip.Provider>
    </SessionProvider>
  );
}
