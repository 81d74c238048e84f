import type { Message, Room } from '@chat/api-types';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useMe } from '../auth/meContext.ts';
import { Composer } from '../composer/Composer.tsx';
import { useUploadQueue } from '../files/useUploadQueue.ts';
import { firstUnread } from '../history/newMessages.ts';
import { MessageListContext, type MessageListActions } from '../messages/messageListContext.ts';
import { pendingIn } from '../outbox/outbox.ts';
import { useOutboxEntries } from '../outbox/outboxContext.ts';
import { useMessageRights } from '../rooms/useRoomRights.ts';
import { CloseIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { ThreadMessages } from './ThreadMessages.tsx';
import type { ThreadTimeline } from './threadTimeline.ts';
import { useMarkThreadRead } from './useMarkThreadRead.ts';

interface Props {
  room: Room;
  thread: ThreadTimeline;
  onClose(): void;
}

/**
 * A thread beside its room (over it, on a narrow screen): the message that started it, its
 * replies, and a composer that answers in it. Focus moves into the panel when it opens and back
 * to what opened it when it closes; Escape closes it. What is read here marks the thread read.
 */
export function ThreadPanel({ room, thread, onClose }: Props) {
  const me = useMe();
  const titleId = useId();
  useSyncExternalStore(thread.subscribe, thread.getRevision);
  useEffect(() => thread.open(), [thread]);
  const { root, replies, status, rootId } = thread;

  const panel = useRef<HTMLElement>(null);
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    panel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys from a popover or dialog opened from here (portaled elsewhere in the page) are theirs.
    if (event.key !== 'Escape' || event.defaultPrevented || !event.currentTarget.contains(event.target as Node)) return;
    event.preventDefault();
    onClose();
  };

  // Worked out once, when the replies first arrive: the divider stays where reading started.
  const [divider, setDivider] = useState<Message | null | undefined>(undefined);
  if (divider === undefined && status === 'ready') setDivider(firstUnread(replies, room.joined ? thread.lastReadSeq : null, me.id));

  const composer = useRef<HTMLTextAreaElement>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const reply = useCallback(
    (message: Message) => {
      // Answering the thread's first message is what this composer does anyway.
      setReplyTo(message.id === rootId ? null : message);
      requestAnimationFrame(() => composer.current?.focus());
    },
    [rootId],
  );
  const { member, readOnly, moderator } = useMessageRights(room);
  const actions = useMemo<MessageListActions>(
    () => ({ member, readOnly, moderator, reply, openThread: null, threadRootId: rootId }),
    [member, readOnly, moderator, reply, rootId],
  );
  // A deleted message takes no reply: the thread is then answered through its newest live reply.
  const answers = root && !root.deleted ? root : replies.findLast((m) => !m.deleted);

  const inThread = useMemo(() => new Map([...(root ? [root] : []), ...replies].map((m) => [m.id, m])), [root, replies]);
  const pending = pendingIn(useOutboxEntries(), room.id, thread).filter((e) => e.replyTo && inThread.has(e.replyTo.id));
  const draftKey = `${room.id}.thread.${rootId}`;
  const uploads = useUploadQueue(draftKey);

  useMarkThreadRead(room.joined ? replies.at(-1) : undefined, thread.lastReadSeq);

  return (
    <aside
      ref={panel}
      tabIndex={-1}
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      className="fixed inset-0 z-30 flex flex-col bg-white focus:outline-none lg:static lg:z-auto lg:w-96 lg:shrink-0 lg:border-l lg:border-slate-200 xl:w-[28rem] dark:bg-slate-950 lg:dark:border-slate-800"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2.5 sm:px-5 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold">
            Thread
          </h2>
          <p className={`${muted} truncate text-xs`}>{room.kind === 'direct' ? room.name : `#${room.name}`}</p>
        </div>
        <button type="button" className={button.icon} aria-label="Close thread" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <MessageListContext value={actions}>
        <ThreadMessages thread={thread} divider={divider} pending={pending} byId={inThread} />
      </MessageListContext>
      {member && answers && (
        <Composer
          room={room}
          draftKey={draftKey}
          label="Reply in thread"
          replyTo={replyTo}
          onClearReply={() => setReplyTo(null)}
          defaultReplyTo={answers}
          inputRef={composer}
          uploads={uploads}
        />
      )}
    </aside>
  );
}

