import { useCallback, useState } from 'react';
import { useMe } from '../auth/meContext.ts';

/**
 * What is in a composer, kept per user and place (a room's id, or one of its threads') in
 * localStorage: a half-written message survives switching rooms, a reload or a crash.
 */
export function useDraft(place: string): [string, (body: string) => void] {
  const me = useMe();
  const key = `chat.draft.${me.id}.${place}`;
  const [body, setBody] = useState(() => {
    try {
      return localStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  });
  const update = useCallback(
    (next: string) => {
      setBody(next);
      try {
        if (next) localStorage.setItem(key, next);
        else localStorage.removeItem(key);
      } catch {
        // Not kept; the composer still works.
      }
    },
    [key],
  );
  return [body, update];
}
