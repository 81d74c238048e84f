import type { Message } from '@chat/api-types';
import { memo, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { Attachments } from '../files/Attachments.tsx';
import { errorMessage } from '../lib/errors.ts';
import { fullDateLabel, timeLabel } from '../lib/timeLabels.ts';
import { Markdown } from '../markdown/Markdown.tsx';
import { mentionedUsernames } from '../markdown/remarkChatText.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { button, muted } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { EditMessageForm } from './EditMessageForm.tsx';
import { useMessageActions } from './useMessageActions.ts';

interface Props {
  message: Message;
  /** First of a run by one author: shows name and avatar. */
  showHeader: boolean;
  editing: boolean;
  /** The message being edited, or null when editing ends. */
  onEditingChange(messageId: string | null): void;
}

function Time({ iso, className }: { iso: string; className: string }) {
  return (
    <Tooltip content={fullDateLabel(iso)}>
      <time dateTime={iso} className={className}>
        {timeLabel(iso)}
      </time>
    </Tooltip>
  );
}

/** Memoized: a live event re-renders only the rows whose message it changed. */
export const MessageItem = memo(function MessageItem({ message, showHeader, editing, onEditingChange }: Props) {
  const setEditing = (on: boolean) => onEditingChange(on ? message.id : null);
  const me = useMe();
  const mine = message.author.id === me.id;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { edit, remove } = useMessageActions();
  const failure = edit.error ?? remove.error;
  const mentionsMe = !mine && !message.deleted && mentionedUsernames(message.body).has(me.username.toLowerCase());

  return (
    <div
      role="listitem"
      // Its place in the room (seq counts every message from 1); how many there are is not known
      // here, and only some are drawn at a time.
      aria-posinset={message.seq}
      aria-setsize={-1}
      data-message-id={message.id}
      data-seq={message.seq}
      tabIndex={-1}
      className={`group relative flex gap-3 px-4 focus:outline-none sm:px-5 ${showHeader ? 'mt-3 pt-1' : ''} ${
        mentionsMe
          ? 'border-l-2 border-amber-500 bg-amber-50 pl-[calc(1rem-2px)] sm:pl-[calc(1.25rem-2px)] dark:bg-amber-400/10'
          : 'hover:bg-slate-50 dark:hover:bg-slate-900/60'
      }`}
    >
      <div className="w-9 shrink-0">
        {showHeader ? (
          <Avatar user={message.author} />
        ) : (
          <Time iso={message.createdAt} className={`${muted} block text-[0.625rem] leading-6 whitespace-nowrap opacity-0 group-hover:opacity-100`} />
        )}
      </div>
      <div className="min-w-0 flex-1 pb-0.5">
        {showHeader ? (
          <p className="flex items-baseline gap-2">
            {/* Names are not unique; the username is, so it is one hover away. */}
            <Tooltip content={`@${message.author.username}`}>
              <span className="font-semibold">{message.author.displayName}</span>
            </Tooltip>
            <Time iso={message.createdAt} className={`${muted} text-xs`} />
          </p>
        ) : (
          // A screen reader may land on any drawn row, not only on the first of its group.
          <span className="sr-only">{message.author.displayName}: </span>
        )}
        {message.deleted ? (
          <p className={`${muted} text-sm italic`}>message deleted</p>
        ) : editing ? (
          <EditMessageForm
            initial={message.body}
            saving={edit.isPending}
            onCancel={() => setEditing(false)}
            onSave={(body) => edit.mutate({ messageId: message.id, body }, { onSuccess: () => setEditing(false) })}
          />
        ) : (
          <div className="text-[0.94rem] leading-relaxed break-words">
            <Markdown text={message.body} myUsername={me.username} after={message.editedAt && <span className={`${muted} text-xs`}>(edited)</span>} />
            <Attachments files={message.attachments} />
          </div>
        )}
        {failure && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {errorMessage(failure)}
          </p>
        )}
      </div>
      {mine && !message.deleted && !editing && (
        <div
          className={`absolute -top-3 right-4 flex gap-0.5 rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-900/10 transition-opacity group-hover:opacity-100 focus-within:opacity-100 dark:bg-slate-800 dark:ring-white/10 ${
            confirmingDelete ? 'opacity-100' : 'opacity-0'
          }`}
        >
          {confirmingDelete ? (
            <>
              <button type="button" className={button.danger} disabled={remove.isPending} onClick={() => remove.mutate({ messageId: message.id })}>
                Confirm delete
              </button>
              <button type="button" className={button.ghost} onClick={() => setConfirmingDelete(false)}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <button type="button" className={button.ghost} aria-label="Edit message" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" className={button.danger} aria-label="Delete message" onClick={() => setConfirmingDelete(true)}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
});
