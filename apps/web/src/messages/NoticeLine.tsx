import type { Message } from '@chat/api-types';
import { memo } from 'react';
import { muted } from '../ui/styles.ts';
import { messageRow } from './messageRow.ts';
import { MessageTime } from './MessageTime.tsx';

/**
 * A change to the room (renamed, archived, a member removed…) as a line of its own in the
 * timeline: who made it, and what the server wrote of it. No actions: a notice is the room's record.
 */
export const NoticeLine = memo(function NoticeLine({ message }: { message: Message }) {
  return (
    <div {...messageRow(message)} className="flex justify-center px-4 py-1.5 focus:outline-none sm:px-5">
      <p className={`${muted} max-w-full rounded-2xl bg-slate-100 px-3 py-1 text-center text-xs break-words dark:bg-slate-900`}>
        <span className="font-semibold text-slate-700 dark:text-slate-200">{message.author.displayName}</span> {message.body}
        <span aria-hidden="true"> · </span>
        <MessageTime iso={message.createdAt} className="tabular-nums" />
      </p>
    </div>
  );
});
