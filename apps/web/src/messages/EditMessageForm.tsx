import { MAX_BODY } from '@chat/api-types';
import { useId, useState, type FormEvent } from 'react';
import { button, input } from '../ui/styles.ts';

interface Props {
  initial: string;
  saving: boolean;
  onSave(body: string): void;
  onCancel(): void;
}

/** Inline editor: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function EditMessageForm({ initial, saving, onSave, onCancel }: Props) {
  const id = useId();
  const [body, setBody] = useState(initial);
  const valid = body.trim().length > 0 && body.length <= MAX_BODY;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) return;
    if (body === initial) onCancel();
    else onSave(body);
  };

  return (
    <form onSubmit={submit} className="mt-1 space-y-2">
      <label htmlFor={id} className="sr-only">
        Edit message
      </label>
      <textarea
        id={id}
        className={`${input} field-sizing-content max-h-60 min-h-10 resize-none`}
        value={body}
        autoFocus
        onFocus={(event) => event.currentTarget.setSelectionRange(body.length, body.length)}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Handled: a thread's panel around the form stays open.
            event.preventDefault();
            onCancel();
          }
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <div className="flex gap-2">
        <button type="submit" className={button.primarySmall} disabled={!valid || saving}>
          Save
        </button>
        <button type="button" className={button.ghost} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
