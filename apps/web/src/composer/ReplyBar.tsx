import type { Message } from '@chat/api-types';
import { quoteOf } from '../messages/replies.ts';
import { CloseIcon, ReplyIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';

/** Above the composer while it answers a message: which one, and a way to stop (so does Escape). */
export function ReplyBar({ id, message, onCancel }: { id: string; message: Message; onCancel(): void }) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-200 py-1 pr-1 pl-3 text-xs dark:border-slate-700">
      <span className={muted}>
        <ReplyIcon />
      </span>
      <p id={id} className="min-w-0 flex-1 truncate">
        <span className={muted}>Replying to </span>
        <span className="font-semibold">{message.author.displayName}</span>: {quoteOf(message).excerpt}
      </p>
      <button type="button" className={button.iconSmall} aria-label="Cancel reply" onClick={onCancel}>
        <CloseIcon />
      </button>
    </div>
  );
}
