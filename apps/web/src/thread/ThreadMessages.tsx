import type { Message } from '@chat/api-types';
import { Fragment, useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { NewMessagesDivider } from '../messages/Dividers.tsx';
import { showsHeader } from '../messages/messageGroups.ts';
import { MessageItem } from '../messages/MessageItem.tsx';
import { PendingMessageItem } from '../messages/PendingMessageItem.tsx';
import { repliesLabel } from '../messages/replies.ts';
import type { OutboxEntry } from '../outbox/outbox.ts';
import { useOutbox } from '../outbox/outboxContext.ts';
import { button, muted } from '../ui/styles.ts';
import type { ThreadTimeline } from './threadTimeline.ts';
import { useThreadScroll } from './useThreadScroll.ts';

interface Props {
  thread: ThreadTimeline;
  /** The first reply that was unread when the thread opened; null for none, undefined until the replies arrive. */
  divider: Message | null | undefined;
  /** My replies on their way to the thread. */
  pending: OutboxEntry[];
  /** The thread's messages by id, for the quotes of replies to replies. */
  byId: ReadonlyMap<string, Message>;
}

/** A thread's first message, then its replies (older ones on asking), scrolled as useThreadScroll says. */
export function ThreadMessages({ thread, divider, pending, byId }: Props) {
  const { root, replies, rootId } = thread;
  const outbox = useOutbox();
  const [editingId, setEditingId] = useState<string | null>(null);
  const scroller = useThreadScroll(divider, replies.at(-1)?.id ?? null, pending.length);
  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto overscroll-contain pt-2 pb-3">
      {thread.status === 'error' ? (
        <div className="flex flex-col items-center gap-3 p-6 text-center">
          <p>{errorMessage(thread.error)}</p>
          <button type="button" className={button.secondary} onClick={() => thread.retry()}>
            Try again
          </button>
        </div>
      ) : !root ? (
        <p className={`${muted} p-6 text-center text-sm`}>Loading the thread…</p>
      ) : (
        <div role="list" aria-label={`Thread started by ${root.author.displayName}`}>
          <MessageItem message={root} showHeader editing={editingId === root.id} onEditingChange={setEditingId} />
          <div role="listitem" className="my-2 flex items-center gap-3 px-5">
            <span className={`${muted} text-xs font-medium`}>{root.replyCount > 0 ? repliesLabel(root.replyCount) : 'No replies yet'}</span>
            <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          </div>
          {thread.olderCursor !== null && (
            <div role="listitem" className="flex justify-center py-1">
              <button type="button" className={button.ghost} disabled={thread.loadingOlder} onClick={() => thread.loadOlder()}>
                {thread.loadingOlder ? 'Loading older replies…' : 'Load older replies'}
              </button>
            </div>
          )}
          {replies.map((message, index) => (
            <Fragment key={message.id}>
              {message.id === divider?.id && <NewMessagesDivider label="New replies" />}
              <MessageItem
                message={message}
                showHeader={message.id === divider?.id || showsHeader(replies[index - 1], message, rootId)}
                editing={editingId === message.id}
                onEditingChange={setEditingId}
                answered={message.replyTo ? byId.get(message.replyTo.id) : undefined}
              />
            </Fragment>
          ))}
          {pending.map((entry) => (
            <PendingMessageItem key={entry.clientMsgId} entry={entry} onRetry={outbox.retry} onDiscard={outbox.discard} />
          ))}
        </div>
      )}
    </div>
  );
}
