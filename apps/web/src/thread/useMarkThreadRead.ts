import type { Message } from '@chat/api-types';
import { useEffect } from 'react';
import { trpc } from '../trpc.ts';

/**
 * Moves my read marker in a thread to its newest reply (`newest`; undefined for none, or when I
 * may not), once it is newer than the marker read with the thread and the tab is visible.
 */
export function useMarkThreadRead(newest: Message | undefined, readAtOpen: number) {
  const { mutate } = trpc.message.markThreadRead.useMutation();
  const newestId = newest && newest.seq > readAtOpen ? newest.id : null;
  useEffect(() => {
    if (!newestId) return;
    const mark = () => {
      if (document.visibilityState !== 'visible') return;
      document.removeEventListener('visibilitychange', mark);
      mutate({ messageId: newestId });
    };
    document.addEventListener('visibilitychange', mark);
    mark();
    return () => document.removeEventListener('visibilitychange', mark);
  }, [newestId, mutate]);
}
