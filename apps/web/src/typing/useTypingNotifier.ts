import { useCallback, useEffect, useRef } from 'react';
import { trpc } from '../trpc.ts';

/** The server forgets a typing signal after a few seconds, so it is renewed this often while typing continues. */
const RENEW_MS = 3_000;

/** Tells the room when I start and stop typing, at most one signal per RENEW_MS. */
export function useTypingNotifier(roomId: string) {
  const { mutate } = trpc.room.setTyping.useMutation();
  const lastSent = useRef(0);

  const stop = useCallback(() => {
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    mutate({ roomId, typing: false });
  }, [mutate, roomId]);

  const typed = useCallback(
    (text: string) => {
      if (!text.trim()) return stop();
      if (Date.now() - lastSent.current < RENEW_MS) return;
      lastSent.current = Date.now();
      mutate({ roomId, typing: true });
    },
    [mutate, roomId, stop],
  );

  useEffect(() => stop, [stop]);
  return { typed, stop };
}
