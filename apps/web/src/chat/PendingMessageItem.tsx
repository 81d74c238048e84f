import { errorMessage } from '../lib/errors.ts';
import { button, muted } from '../ui/styles.ts';
import type { PendingMessage } from './pending.ts';

interface Props {
  pending: PendingMessage;
  onRetry(pending: PendingMessage): void;
  onDiscard(clientMsgId: string): void;
}

/** My message as typed, until the server's copy replaces it. */
export function PendingMessageItem({ pending, onRetry, onDiscard }: Props) {
  const failed = pending.status === 'failed';
  return (
    <li className="flex gap-3 px-4 sm:px-5" aria-busy={!failed}>
      <div className="w-9 shrink-0" />
      <div className="min-w-0 flex-1 pb-0.5">
        <p className={`text-[0.94rem] leading-relaxed break-words whitespace-pre-wrap ${failed ? '' : 'opacity-60'}`}>{pending.body}</p>
        {failed ? (
          <p className="flex flex-wrap items-center gap-2 text-xs text-red-600 dark:text-red-400">
            <span role="alert">Not sent. {errorMessage(pending.error)}</span>
            <button type="button" className={button.ghostTiny} onClick={() => onRetry(pending)}>
              Retry
            </button>
            <button type="button" className={button.ghostTiny} onClick={() => onDiscard(pending.clientMsgId)}>
              Discard
            </button>
          </p>
        ) : (
          <p className={`${muted} text-xs`}>Sending…</p>
        )}
      </div>
    </li>
  );
}
