import { MAX_BODY, type Room } from '@chat/api-types';
import { useId, useState, type FormEvent } from 'react';
import { SendIcon } from '../ui/icons.tsx';
import { button } from '../ui/styles.ts';
import { newClientMsgId } from './clientMsgId.ts';
import { useSendMessage } from './useSendMessage.ts';
import { useTypingNotifier } from './useTypingNotifier.ts';

/** Characters left is only worth showing near the limit. */
const COUNTDOWN_FROM = MAX_BODY - 500;

export function Composer({ room }: { room: Room }) {
  const id = useId();
  const counterId = useId();
  const [body, setBody] = useState('');
  const { mutate: send } = useSendMessage();
  const typing = useTypingNotifier(room.id);
  const label = room.kind === 'direct' ? `Message ${room.name}` : `Message #${room.name}`;
  const tooLong = body.length > MAX_BODY;
  const canSend = body.trim().length > 0 && !tooLong;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    // Shown at once as pending (from the mutation cache) and replaced by the server's copy.
    send({ roomId: room.id, body: body.trim(), clientMsgId: newClientMsgId() });
    setBody('');
    typing.stop();
  };

  return (
    <form onSubmit={submit} className="px-3 pb-3 sm:px-5 sm:pb-4">
      <div className="flex items-end gap-2 rounded-xl border border-slate-300 bg-white p-1.5 pl-3 focus-within:border-indigo-500 focus-within:ring-1 focus-within:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          rows={1}
          value={body}
          placeholder={label}
          aria-describedby={body.length > COUNTDOWN_FROM ? counterId : undefined}
          aria-invalid={tooLong || undefined}
          className="field-sizing-content max-h-48 min-h-9 flex-1 resize-none bg-transparent py-1.5 text-[0.94rem] leading-relaxed placeholder:text-slate-400 focus:outline-none dark:placeholder:text-slate-500"
          onChange={(event) => {
            setBody(event.target.value);
            typing.typed(event.target.value);
          }}
          onBlur={typing.stop}
          onKeyDown={(event) => {
            // Enter sends, Shift+Enter breaks the line; never mid-composition (IME input).
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" className={button.send} disabled={!canSend} aria-label="Send">
          <SendIcon />
        </button>
      </div>
      {body.length > COUNTDOWN_FROM && (
        <p id={counterId} className={`mt-1 text-right text-xs ${tooLong ? 'text-red-600 dark:text-red-400' : 'text-slate-500 dark:text-slate-400'}`}>
          {tooLong ? `${body.length - MAX_BODY} characters over the limit` : `${MAX_BODY - body.length} characters left`}
        </p>
      )}
    </form>
  );
}
