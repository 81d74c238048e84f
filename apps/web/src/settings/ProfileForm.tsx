import { MAX_DISPLAY_NAME, updateProfileInput } from '@chat/api-types';
import { useRef, useState, type FormEvent } from 'react';
import { useMe } from '../auth/meContext.ts';
import { fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useFocusFirstInvalid } from '../ui/useFocusFirstInvalid.ts';
import { UserName } from '../ui/UserName.tsx';
import { FormFooter } from './FormFooter.tsx';

/** The display name; the username is shown beside it but never changes. */
export function ProfileForm() {
  const me = useMe();
  const utils = trpc.useUtils();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(me.displayName);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  useFocusFirstInvalid(form, errors);
  const update = trpc.user.updateProfile.useMutation({
    onSuccess: (user) => {
      // This tab shows the new name at once; my other tabs and devices hear of it through user.onEvent.
      utils.auth.me.setData(undefined, user);
      // The server's cleaned name (spaces collapsed, invisible characters gone) is the one kept.
      setName(user.displayName);
      setSaved(`Saved. People now see you as ${user.displayName}.`);
    },
    onError: (error) => setErrors(serverFieldErrors(error)),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved('');
    const parsed = updateProfileInput.safeParse({ displayName: name });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) update.mutate(parsed.data);
  };

  return (
    <form ref={form} className="space-y-4" onSubmit={onSubmit} noValidate>
      <div className="flex items-center gap-3">
        <Avatar user={me} />
        <UserName user={me} />
      </div>
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="nickname"
        required
        maxLength={MAX_DISPLAY_NAME}
        hint={`Shown next to your messages. Your username, @${me.username}, stays as it is.`}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setSaved('');
        }}
        error={errors.displayName}
      />
      <FormFooter error={update.error} fieldErrors={errors} success={saved} pending={update.isPending} submit="Save" submitting="Saving…" />
    </form>
  );
}
