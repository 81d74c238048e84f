import type { Message } from '@chat/api-types';
import { useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { messageText } from '../files/messageText.ts';
import { noticeText } from '../messages/noticeText.ts';

/**
 * Reads out messages from others as they arrive in the open room. The list itself is not a
 * live region, or every page of history loaded while scrolling would be read out too.
 */
export function Announcer({ newest, loaded }: { newest: Message | undefined; loaded: boolean }) {
  const me = useMe();
  const newestId = newest?.id ?? null;
  // undefined until the history has loaded: the first load of the room is not news.
  const [seen, setSeen] = useState<string | null | undefined>(undefined);
  const [text, setText] = useState('');
  if (loaded && newestId !== seen) {
    setSeen(newestId);
    if (seen !== undefined && newest && newest.author.id !== me.id && !newest.deleted) {
      setText(newest.notice ? noticeText(newest) : `${newest.author.displayName}: ${messageText(newest)}`);
    }
  }
  return (
    <div role="status" aria-live="polite" aria-label="New messages" className="sr-only">
      {text}
    </div>
  );
}
