import type { User } from '@chat/api-types';
import { useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { trpc } from '../trpc.ts';
import { typingText } from './typingText.ts';

export function TypingIndicator({ roomId }: { roomId: string }) {
  const me = useMe();
  const [typers, setTypers] = useState<User[]>([]);
  // The server sends the current state first (also after a reconnect), then every change.
  trpc.room.onTyping.useSubscription({ roomId }, { onData: (state) => setTypers(state.users) });
  const text = typingText(typers, me.id);
  return (
    <p aria-live="polite" className="h-5 truncate px-5 text-xs text-slate-600 dark:text-slate-400">
      {text}
    </p>
  );
}
