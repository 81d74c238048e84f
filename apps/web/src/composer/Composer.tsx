import { MAX_ATTACHMENTS, MAX_BODY, type Message, type Room, type User } from '@chat/api-types';
import { useId, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useMe } from '../auth/meContext.ts';
import { AttachButton } from '../files/AttachButton.tsx';
import { PendingUploads } from '../files/PendingUploads.tsx';
import type { UploadQueue } from '../files/uploadQueue.ts';
import { hasFailed, uploadedAttachments } from '../files/uploads.ts';
import { useUploads } from '../files/useUploadQueue.ts';
import { quoteOf } from '../messages/replies.ts';
import { useOutbox } from '../outbox/outboxContext.ts';
import { trpc } from '../trpc.ts';
import { useTypingNotifier } from '../typing/useTypingNotifier.ts';
import { SendIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { completeMention, mentionAt, mentionCandidates } from './mentions.ts';
import { MentionList, mentionOptionId } from './MentionList.tsx';
import { ReplyBar } from './ReplyBar.tsx';
import { useDraft } from './useDraft.ts';

/** Characters left is only worth showing near the limit. */
const COUNTDOWN_FROM = MAX_BODY - 500;

interface Props {
  room: Room;
  /** Where its draft is kept (useDraft): the room's id, or one of its threads'. */
  draftKey: string;
  /** The field's name and placeholder. */
  label: string;
  /** The message being answered, shown above the field until sent or cancelled; null for none. */
  replyTo: Message | null;
  /** Stops answering `replyTo`: cancelled, or sent. */
  onClearReply(): void;
  /** What a message answers when `replyTo` is null (and no bar shows): the thread, in a thread's panel. */
  defaultReplyTo?: Message;
  /** Up in an empty composer: edit my last message. */
  onEditLast?(): void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
  /** The files for the next message; the room owns them, as they can also be dropped on the conversation. */
  uploads: UploadQueue;
}

export function Composer({ room, draftKey, label, replyTo, onClearReply, defaultReplyTo, onEditLast, inputRef, uploads }: Props) {
  const me = useMe();
  const id = useId();
  const counterId = useId();
  const listId = useId();
  const replyId = useId();
  const outbox = useOutbox();
  const [body, setBody] = useDraft(draftKey);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // Escape closes the suggestions for this @ only; typing another @ opens them again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const typing = useTypingNotifier(room.id);
  const { uploads: files, leftOut } = useUploads(uploads);
  // Sent but waiting for uploads: the text stays here (and in the draft) until the outbox has it.
  const [waiting, setWaiting] = useState(false);
  const tooLong = body.length > MAX_BODY;
  const canSend = (body.trim().length > 0 || files.length > 0) && !tooLong && !hasFailed(files) && !waiting;

  const mention = mentionAt(body, caret);
  const members = trpc.room.members.useQuery({ roomId: room.id }, { enabled: mention !== null, staleTime: 60_000 });
  const people = mention && mention.start !== dismissedAt ? mentionCandidates((members.data ?? []).map((m) => m.user), mention.query, me.id) : [];
  const suggesting = people.length > 0;
  const activeIndex = Math.min(active, people.length - 1);
  const pendingCaret = useRef<number | null>(null);

  const change = (text: string, at: number) => {
    setBody(text);
    setCaret(at);
    setActive(0);
    typing.typed(text);
  };

  const pick = (user: User) => {
    if (!mention) return;
    const next = completeMention(body, caret, mention, user.username);
    change(next.text, next.caret);
    pendingCaret.current = next.caret;
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return;
    event.preventDefault();
    uploads.add(pasted);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const text = body.trim();
    const answered = replyTo ?? defaultReplyTo;
    setWaiting(true);
    uploads.whenSettled((settled) => {
      setWaiting(false);
      // A failed upload keeps the message here, with the error on the file, until it is retried or removed.
      if (hasFailed(settled)) return;
      const attachments = uploadedAttachments(settled);
      if (!text && attachments.length === 0) return;
      // Into the durable outbox: shown at once as pending, sent now or when the connection is back.
      outbox.send(room.id, text, { attachments, replyTo: answered && quoteOf(answered) });
      uploads.clear();
      change('', 0);
      onClearReply();
      typing.stop();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (suggesting && mention) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : people.length - 1;
        setActive((activeIndex + step) % people.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const user = people[activeIndex];
        if (user) pick(user);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention.start);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && body === '' && onEditLast) {
      event.preventDefault();
      onEditLast();
    } else if (event.key === 'Escape' && replyTo) {
      // Handled here: a thread's panel around this composer stays open.
      event.preventDefault();
      onClearReply();
    }
  };

  return (
    <form onSubmit={submit} className="px-3 pb-3 sm:px-5 sm:pb-4">
      <div className="relative rounded-xl border border-slate-300 bg-white focus-within:border-indigo-500 focus-within:ring-1 focus-within:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900">
        {suggesting && <MentionList id={listId} people={people} active={activeIndex} onPick={pick} />}
        {replyTo && <ReplyBar id={replyId} message={replyTo} onCancel={onClearReply} />}
        {files.length > 0 && <PendingUploads uploads={files} onRetry={uploads.retry} onRemove={uploads.remove} />}
        <div className="flex items-end gap-1 p-1.5">
          <AttachButton onFiles={uploads.add} />
          <label htmlFor={id} className="sr-only">
            {label}
          </label>
          <textarea
            ref={(element) => {
              inputRef.current = element;
              // A picked mention moves the caret after the inserted name.
              if (element && pendingCaret.current !== null) {
                element.setSelectionRange(pendingCaret.current, pendingCaret.current);
                pendingCaret.current = null;
              }
            }}
            id={id}
            rows={1}
            value={body}
            placeholder={label}
            readOnly={waiting}
            aria-autocomplete="list"
            aria-controls={suggesting ? listId : undefined}
            aria-activedescendant={suggesting ? mentionOptionId(listId, activeIndex) : undefined}
            aria-describedby={[replyTo && replyId, body.length > COUNTDOWN_FROM && counterId].filter(Boolean).join(' ') || undefined}
            aria-invalid={tooLong || undefined}
            className="field-sizing-content max-h-48 min-h-9 flex-1 resize-none bg-transparent px-1 py-1.5 text-[0.94rem] leading-relaxed placeholder:text-slate-500 focus:outline-none dark:placeholder:text-slate-400"
            onChange={(event) => change(event.target.value, event.target.selectionStart)}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onPaste={onPaste}
            onBlur={typing.stop}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className={button.send} disabled={!canSend} aria-label="Send">
            <SendIcon />
          </button>
        </div>
      </div>
      {(waiting || leftOut > 0) && (
        <p role="status" className={`${muted} mt-1 text-xs`}>
          {waiting ? 'Sending once the files are uploaded…' : `Only ${MAX_ATTACHMENTS} files fit in one message: ${leftOut} left out.`}
        </p>
      )}
      {body.length > COUNTDOWN_FROM && (
        <p id={counterId} className={`mt-1 text-right text-xs ${tooLong ? 'text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}`}>
          {tooLong ? `${body.length - MAX_BODY} characters over the limit` : `${MAX_BODY - body.length} characters left`}
        </p>
      )}
    </form>
  );
}
