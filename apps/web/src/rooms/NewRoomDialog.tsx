import { createRoomInput, type Room } from '@chat/api-types';
import { useState, type FormEvent } from 'react';
import { errorCode, errorMessage, fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button } from '../ui/styles.ts';
import { TextField } from '../ui/TextField.tsx';
import { upsertRoom } from './roomActivity.ts';
import { useUpdateRooms } from './useRooms.ts';

const kinds = [
  { value: 'public', label: 'Public', description: 'Anyone can find and join it.' },
  { value: 'private', label: 'Private', description: 'Only people you invite can see it.' },
] as const;

export function NewRoomDialog({ onClose }: { onClose(): void }) {
  const updateRooms = useUpdateRooms();
  const utils = trpc.useUtils();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const created = (room: Room) => {
    updateRooms((rooms) => upsertRoom(rooms, room));
    openRoom(room.id);
    onClose();
  };
  /**
   * A CONFLICT may be our own room: when the socket drops while the create is on its way, the
   * client sends it again on the next socket, and the second finds the first's room. A room of
   * that name that I own and that was not in my list before I asked is that one.
   */
  const ownRoomMadeJustNow = async (name: string, before: ReadonlySet<string>) =>
    (await utils.room.list.fetch()).find((r) => r.role === 'owner' && !before.has(r.id) && r.name.toLowerCase() === name.toLowerCase());
  const create = trpc.room.create.useMutation({
    onSuccess: created,
    onError: async (error, input, before) => {
      const mine = errorCode(error) === 'CONFLICT' && before ? await ownRoomMadeJustNow(input.name, before) : undefined;
      if (mine) return created(mine);
      setErrors(errorCode(error) === 'CONFLICT' ? { name: 'A room with that name already exists.' } : serverFieldErrors(error));
    },
    onMutate: () => new Set((utils.room.list.getData() ?? []).map((r) => r.id)),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createRoomInput.safeParse({
      name: form.get('name'),
      topic: form.get('topic') || undefined,
      kind: form.get('kind'),
    });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data);
  };

  return (
    <Dialog title="New room" description="Rooms are where conversations about a topic happen." onClose={onClose}>
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        <TextField label="Name" name="name" required maxLength={80} placeholder="e.g. design-reviews" error={errors.name} />
        <TextField label="Topic" name="topic" maxLength={250} placeholder="What is it about? (optional)" error={errors.topic} />
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">Visibility</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {kinds.map((kind) => (
              <label
                key={kind.value}
                className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 p-3 has-checked:border-indigo-500 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-500 dark:border-slate-700 dark:has-checked:bg-indigo-950/50"
              >
                <input type="radio" name="kind" value={kind.value} defaultChecked={kind.value === 'public'} className="mt-1 accent-indigo-600 focus-visible:outline-none" />
                <span>
                  <span className="block text-sm font-medium">{kind.label}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{kind.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormError message={create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null} />
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" className={button.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={button.primary} disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create room'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
