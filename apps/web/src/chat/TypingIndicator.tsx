import type { User } from '@chat/api-types';
import { useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { trpc } from '../trpc.ts';
import { typingText } from './typingText.ts';

export function TypingIndicator({ roomId }: { roomId: string }) {
  const me = useMe();
  const [typers, setTypers] = useState<User[]>([]);
  // The server reports changes only, so whatever was known before a (re)start may be stale.
  trpc.room.onTyping.useSubscription({ roomId }, { onStarted: () => setTypers([]), onData: (state) => setTypers(state.users) });
  const text = typingText(typers, me.id);
  return (
    <p aria-live="polite" className="h-5 truncate px-5 text-xs text-slate-500 dark:text-slate-400">
      {text}
    </p>
  );
}
