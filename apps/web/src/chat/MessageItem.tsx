import type { Message } from '@chat/api-types';
import { useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { button, muted } from '../ui/styles.ts';
import { EditMessageForm } from './EditMessageForm.tsx';
import { timeLabel } from './timeline.ts';
import { useMessageActions } from './useMessageActions.ts';

interface Props {
  message: Message;
  /** First of a run by one author: shows name and avatar. */
  showHeader: boolean;
  mine: boolean;
}

export function MessageItem({ message, showHeader, mine }: Props) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const { edit, remove } = useMessageActions();
  const failure = edit.error ?? remove.error;

  return (
    <li className={`group relative flex gap-3 px-4 hover:bg-slate-50 sm:px-5 dark:hover:bg-slate-900/60 ${showHeader ? 'mt-3 pt-1' : ''}`}>
      <div className="w-9 shrink-0">
        {showHeader ? (
          <Avatar user={message.author} />
        ) : (
          <time dateTime={message.createdAt} className={`${muted} block pt-1 text-[0.65rem] opacity-0 group-hover:opacity-100`}>
            {timeLabel(message.createdAt)}
          </time>
        )}
      </div>
      <div className="min-w-0 flex-1 pb-0.5">
        {showHeader && (
          <p className="flex items-baseline gap-2">
            <span className="font-semibold">{message.author.displayName}</span>
            <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()} className={`${muted} text-xs`}>
              {timeLabel(message.createdAt)}
            </time>
          </p>
        )}
        {message.deleted ? (
          <p className={`${muted} text-sm italic`}>message deleted</p>
        ) : mode === 'edit' ? (
          <EditMessageForm
            initial={message.body}
            saving={edit.isPending}
            onCancel={() => setMode('view')}
            onSave={(body) => edit.mutate({ messageId: message.id, body }, { onSuccess: () => setMode('view') })}
          />
        ) : (
          <p className="text-[0.94rem] leading-relaxed break-words whitespace-pre-wrap">
            {message.body}
            {message.editedAt && <span className={`${muted} ml-1 text-xs`}>(edited)</span>}
          </p>
        )}
        {failure && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {errorMessage(failure)}
          </p>
        )}
      </div>
      {mine && !message.deleted && mode !== 'edit' && (
        <div
          className={`absolute -top-3 right-4 flex gap-0.5 rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-900/10 transition-opacity group-hover:opacity-100 focus-within:opacity-100 dark:bg-slate-800 dark:ring-white/10 ${
            mode === 'confirm-delete' ? 'opacity-100' : 'opacity-0'
          }`}
        >
          {mode === 'confirm-delete' ? (
            <>
              <button type="button" className={button.danger} disabled={remove.isPending} onClick={() => remove.mutate({ messageId: message.id })}>
                Confirm delete
              </button>
              <button type="button" className={button.ghost} onClick={() => setMode('view')}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <button type="button" className={button.ghost} aria-label="Edit message" onClick={() => setMode('edit')}>
                Edit
              </button>
              <button type="button" className={button.danger} aria-label="Delete message" onClick={() => setMode('confirm-delete')}>
                Delete
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
