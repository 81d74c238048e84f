import type { Message } from '@chat/api-types';
import { Toolbar } from 'radix-ui';
import { useState } from 'react';
import { PinIcon, ReplyIcon } from '../ui/icons.tsx';
import { button } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';
import { EmojiPicker } from './EmojiPicker.tsx';

interface Props {
  message: Message;
  /** A member reacts, replies and pins (not in an archived room). */
  member: boolean;
  /** The author edits (not in an archived room). */
  canEdit: boolean;
  /** The author deletes, and so does whoever looks after the room. */
  canDelete: boolean;
  deleting: boolean;
  onReact(emoji: string): void;
  onReply(): void;
  onPin(pinned: boolean): void;
  onEdit(): void;
  onDelete(): void;
}

/**
 * A message's actions, over its top right corner: shown on hover, and whenever focus is inside it
 * (a keyboard reaches it with Tab, a touch by tapping the message), and held open while a choice is
 * pending in it (the emoji picker, the delete confirmation). A toolbar (WAI-ARIA's pattern): one Tab
 * stop per message, not one per action, or a keyboard would wade through every action of every
 * message on its way past the timeline.
 */
export function MessageToolbar({ message, member, canEdit, canDelete, deleting, onReact, onReply, onPin, onEdit, onDelete }: Props) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [picking, setPicking] = useState(false);
  const pinned = message.pinned !== null;
  return (
    <Toolbar.Root
      aria-label="Message actions"
      loop
      className={`absolute -top-3 right-4 flex gap-0.5 rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-900/10 transition-opacity group-hover:opacity-100 focus-within:opacity-100 dark:bg-slate-800 dark:ring-white/10 ${
        confirmingDelete || picking ? 'opacity-100' : 'opacity-0'
      }`}
    >
      {confirmingDelete ? (
        <>
          <Toolbar.Button asChild>
            <button type="button" className={button.danger} disabled={deleting} onClick={onDelete}>
              Confirm delete
            </button>
          </Toolbar.Button>
          <Toolbar.Button asChild>
            <button type="button" className={button.ghost} onClick={() => setConfirmingDelete(false)}>
              Cancel
            </button>
          </Toolbar.Button>
        </>
      ) : (
        <>
          {member && (
            <>
              <EmojiPicker reactions={message.reactions} onPick={onReact} onOpenChange={setPicking} />
              <Tooltip content="Reply">
                <Toolbar.Button asChild>
                  <button type="button" className={button.iconSmall} aria-label="Reply" onClick={onReply}>
                    <ReplyIcon />
                  </button>
                </Toolbar.Button>
              </Tooltip>
              <Tooltip content={pinned ? 'Unpin' : 'Pin'}>
                <Toolbar.Button asChild>
                  <button type="button" className={button.iconSmall} aria-label={pinned ? 'Unpin' : 'Pin'} onClick={() => onPin(!pinned)}>
                    <PinIcon />
                  </button>
                </Toolbar.Button>
              </Tooltip>
            </>
          )}
          {canEdit && (
            <Toolbar.Button asChild>
              <button type="button" className={button.ghost} aria-label="Edit message" onClick={onEdit}>
                Edit
              </button>
            </Toolbar.Button>
          )}
          {canDelete && (
            <Toolbar.Button asChild>
              <button type="button" className={button.danger} aria-label="Delete message" onClick={() => setConfirmingDelete(true)}>
                Delete
              </button>
            </Toolbar.Button>
          )}
        </>
      )}
    </Toolbar.Root>
  );
}
