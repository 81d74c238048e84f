import { updateRoomInput, type Room } from '@chat/api-types';
import { useRef, useState, type FormEvent } from 'react';
import { errorCode, errorMessage, fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { FormFooter } from '../settings/FormFooter.tsx';
import { trpc } from '../trpc.ts';
import { muted } from '../ui/styles.ts';
import { TextField } from '../ui/TextField.tsx';
import { useFocusFirstInvalid } from '../ui/useFocusFirstInvalid.ts';
import { roomChanges } from './roomChanges.ts';

/** The room's name and topic, for those who look after it; an archived room keeps both as they are. */
export function RoomDetailsForm({ room }: { room: Room }) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  useFocusFirstInvalid(form, errors);
  // The server answers nothing: the header and the room list follow from the notices it writes.
  const update = trpc.room.update.useMutation({
    onSuccess: (_, input) => {
      // As the server keeps them (trimmed), so the form has nothing left to save.
      if (input.name !== undefined) setName(input.name);
      if (input.topic !== undefined) setTopic(input.topic);
      setSaved('Saved. Everyone in the room sees the change.');
    },
    // A taken name is the name field's problem, in the server's words.
    onError: (error) => setErrors(errorCode(error) === 'CONFLICT' ? { name: errorMessage(error) } : serverFieldErrors(error)),
  });
  const changes = roomChanges(room, { name, topic });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved('');
    const parsed = updateRoomInput.safeParse({ roomId: room.id, ...changes });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) update.mutate(parsed.data);
  };
  const edit = (set: (value: string) => void) => (event: { target: { value: string } }) => {
    set(event.target.value);
    setSaved('');
  };

  return (
    <form ref={form} className="space-y-4" onSubmit={onSubmit} noValidate>
      <TextField label="Name" name="name" required maxLength={80} value={name} onChange={edit(setName)} error={errors.name} disabled={room.archived} />
      <TextField
        label="Topic"
        name="topic"
        maxLength={250}
        placeholder="What is it about? (optional)"
        value={topic}
        onChange={edit(setTopic)}
        error={errors.topic}
        disabled={room.archived}
      />
      {room.archived && <p className={`${muted} text-sm`}>Unarchive the room to change its name or topic.</p>}
      <FormFooter
        error={update.error}
        fieldErrors={errors}
        success={saved}
        pending={update.isPending}
        disabled={changes === null || room.archived}
        submit="Save"
        submitting="Saving…"
      />
    </form>
  );
}
