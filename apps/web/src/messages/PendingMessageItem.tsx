import { useConnection } from '../connection/connectionContext.ts';
import { Attachments } from '../files/Attachments.tsx';
import type { OutboxEntry } from '../outbox/outbox.ts';
import { button, muted } from '../ui/styles.ts';
import { useMessageList } from './messageListContext.ts';
import { Quote } from './Quote.tsx';

interface Props {
  entry: OutboxEntry;
  onRetry(clientMsgId: string): void;
  onDiscard(clientMsgId: string): void;
}

/** My message as typed, from the outbox, until the server's copy replaces it. */
export function PendingMessageItem({ entry, onRetry, onDiscard }: Props) {
  const { status } = useConnection();
  const failed = entry.status === 'failed';
  const waiting = !failed && status !== 'connected';
  const { threadRootId } = useMessageList();
  return (
    <div role="listitem" className="flex gap-3 px-4 sm:px-5" aria-busy={!failed}>
      <div className="w-9 shrink-0" />
      <div className="min-w-0 flex-1 pb-0.5">
        {entry.replyTo && entry.replyTo.id !== threadRootId && <Quote quote={entry.replyTo} />}
        <p className={`text-[0.94rem] leading-relaxed break-words whitespace-pre-wrap ${failed ? '' : 'text-slate-600 dark:text-slate-400'}`}>{entry.body}</p>
        <Attachments files={entry.attachments ?? []} />
        {failed ? (
          <p className="flex flex-wrap items-center gap-2 text-xs text-red-700 dark:text-red-400">
            <span role="alert">Not sent — {entry.error ?? 'the server refused it.'}</span>
            <button type="button" className={button.ghostTiny} onClick={() => onRetry(entry.clientMsgId)}>
              Retry
            </button>
            <button type="button" className={button.ghostTiny} onClick={() => onDiscard(entry.clientMsgId)}>
              Discard
            </button>
          </p>
        ) : (
          <p className={`${muted} text-xs`}>{waiting ? 'Waiting for connection…' : 'Sending…'}</p>
        )}
      </div>
    </div>
  );
}
