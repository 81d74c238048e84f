import type { Message } from '@chat/api-types';
import { memo, useState } from 'react';
import { useMe } from '../auth/meContext.ts';
import { Attachments } from '../files/Attachments.tsx';
import { errorMessage } from '../lib/errors.ts';
import { Markdown } from '../markdown/Markdown.tsx';
import { mentionedUsernames } from '../markdown/remarkChatText.ts';
import { ProfilePopover } from '../rooms/ProfileCard.tsx';
import { Avatar } from '../ui/Avatar.tsx';
import { PinIcon } from '../ui/icons.tsx';
import { muted } from '../ui/styles.ts';
import { EditMessageForm } from './EditMessageForm.tsx';
import { useMessageList } from './messageListContext.ts';
import { messageRow } from './messageRow.ts';
import { MessageTime } from './MessageTime.tsx';
import { MessageToolbar } from './MessageToolbar.tsx';
import { Quote } from './Quote.tsx';
import { ReactionBar } from './ReactionBar.tsx';
import { currentQuote, repliesLabel } from './replies.ts';
import { useMessageActions } from './useMessageActions.ts';

interface Props {
  message: Message;
  /** First of a run by one author: shows name and avatar. */
  showHeader: boolean;
  editing: boolean;
  /** The message being edited, or null when editing ends. */
  onEditingChange(messageId: string | null): void;
  /** The message this one answers, when it is loaded: its quote shows it as it is now. */
  answered?: Message;
}

/** Memoized: a live event re-renders only the rows whose message it changed. */
export const MessageItem = memo(function MessageItem({ message, showHeader, editing, onEditingChange, answered }: Props) {
  const setEditing = (on: boolean) => onEditingChange(on ? message.id : null);
  const [cardOpen, setCardOpen] = useState(false);
  const me = useMe();
  const list = useMessageList();
  const mine = message.author.id === me.id;
  const actions = useMessageActions();
  // My own messages are mine to change; anyone's go for whoever looks after the room.
  const canEdit = mine && !list.readOnly;
  const canDelete = canEdit || list.moderator;
  const remove = mine ? actions.remove : actions.moderate;
  const failure = [actions.edit, remove, actions.react, actions.unreact, actions.pin, actions.unpin].find((a) => a.error)?.error;
  const mentionsMe = !mine && !message.deleted && mentionedUsernames(message.body).has(me.username.toLowerCase());
  const { openThread, threadRootId } = list;
  const quote = message.replyTo && message.replyTo.id !== threadRootId ? currentQuote(message.replyTo, answered) : null;
  const messageId = message.id;
  const thread = message.threadRootId;

  return (
    <div
      {...messageRow(message)}
      className={`group relative flex gap-3 px-4 focus:outline-none sm:px-5 ${showHeader ? 'mt-3 pt-1' : ''} ${
        mentionsMe
          ? 'border-l-2 border-amber-500 bg-amber-50 pl-[calc(1rem-2px)] sm:pl-[calc(1.25rem-2px)] dark:bg-amber-400/10'
          : 'hover:bg-slate-50 dark:hover:bg-slate-900/60'
      }`}
    >
      <div className="w-9 shrink-0">
        {showHeader ? (
          // For the pointer only: the name beside it opens the same card, and is the one keyboards and screen readers reach.
          <button type="button" tabIndex={-1} aria-hidden="true" className="block rounded-lg" onClick={() => setCardOpen(true)}>
            <Avatar user={message.author} />
          </button>
        ) : (
          <MessageTime iso={message.createdAt} className={`${muted} block text-[0.625rem] leading-6 whitespace-nowrap opacity-0 group-hover:opacity-100`} />
        )}
      </div>
      <div className="min-w-0 flex-1 pb-0.5">
        {showHeader ? (
          <p className="flex items-baseline gap-2">
            {/* Names are not unique; the username is, so it is on the card the name opens. */}
            <ProfilePopover user={message.author} open={cardOpen} onOpenChange={setCardOpen}>
              <button type="button" className="rounded font-semibold hover:underline">
                {message.author.displayName}
              </button>
            </ProfilePopover>
            <MessageTime iso={message.createdAt} className={`${muted} text-xs`} />
          </p>
        ) : (
          // A screen reader may land on any drawn row, not only on the first of its group.
          <span className="sr-only">{message.author.displayName}: </span>
        )}
        {message.pinned && (
          <p className="flex items-center gap-1 text-xs font-medium text-amber-800 dark:text-amber-300">
            <PinIcon size={12} />
            Pinned by {message.pinned.by.displayName}
          </p>
        )}
        {quote && <Quote quote={quote} onOpen={openThread && thread ? () => openThread(thread) : undefined} />}
        {message.deleted ? (
          <p className={`${muted} text-sm italic`}>message deleted</p>
        ) : editing ? (
          <EditMessageForm
            initial={message.body}
            saving={actions.edit.isPending}
            onCancel={() => setEditing(false)}
            onSave={(body) => actions.edit.mutate({ messageId, body }, { onSuccess: () => setEditing(false) })}
          />
        ) : (
          <div className="text-[0.94rem] leading-relaxed break-words">
            <Markdown text={message.body} myUsername={me.username} after={message.editedAt && <span className={`${muted} text-xs`}>(edited)</span>} />
            <Attachments files={message.attachments} />
          </div>
        )}
        {message.reactions.length > 0 && (
          <ReactionBar
            reactions={message.reactions}
            disabled={!list.member}
            onToggle={(emoji, reacted) => (reacted ? actions.unreact : actions.react).mutate({ messageId, emoji })}
          />
        )}
        {openThread && message.replyCount > 0 && (
          <button
            type="button"
            className="mt-1 rounded text-xs font-semibold text-indigo-700 hover:underline dark:text-indigo-300"
            onClick={() => openThread(messageId)}
          >
            {repliesLabel(message.replyCount)}
          </button>
        )}
        {failure && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {errorMessage(failure)}
          </p>
        )}
      </div>
      {(list.member || canDelete) && !message.deleted && !editing && (
        <MessageToolbar
          message={message}
          member={list.member}
          canEdit={canEdit}
          canDelete={canDelete}
          deleting={remove.isPending}
          onReact={(emoji) => actions.react.mutate({ messageId, emoji })}
          onReply={() => list.reply(message)}
          onPin={(pinned) => (pinned ? actions.pin : actions.unpin).mutate({ messageId })}
          onEdit={() => setEditing(true)}
          onDelete={() => remove.mutate({ messageId })}
        />
      )}
    </div>
  );
});
