import { MAX_DISPLAY_NAME, MAX_STATUS, setStatusInput, updateProfileInput } from '@chat/api-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useMe } from '../auth/meContext.ts';
import { fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { refreshProfile, useProfile, useSetProfile } from '../profiles/useProfile.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useFocusFirstInvalid } from '../ui/useFocusFirstInvalid.ts';
import { UserName } from '../ui/UserName.tsx';
import { FormFooter } from './FormFooter.tsx';

/** The display name and the status line; the username is shown beside them but never changes. */
export function ProfileForm() {
  const me = useMe();
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const setProfile = useSetProfile();
  const savedStatus = useProfile(me.id).data?.status ?? '';
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(me.displayName);
  // Null until edited: the saved status shows as soon as it is loaded, and after every save.
  const [statusDraft, setStatusDraft] = useState<string | null>(null);
  const status = statusDraft ?? savedStatus;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  useFocusFirstInvalid(form, errors);
  const save = useMutation({
    mutationFn: async (input: { displayName: string | null; status: string | null }) => {
      const user = input.displayName === null ? null : await utils.client.user.updateProfile.mutate({ displayName: input.displayName });
      const profile = input.status === null ? null : await utils.client.user.setStatus.mutate({ status: input.status });
      return { user: profile?.user ?? user, profile };
    },
    onSuccess: ({ user, profile }) => {
      // This tab shows the change at once; my other tabs and devices hear of it through user.onEvent.
      if (user) utils.auth.me.setData(undefined, user);
      if (profile) setProfile(profile);
      else void refreshProfile(queryClient, me.id);
      // The server's cleaned name and status (spaces collapsed, invisible characters gone) are the ones kept.
      if (user) setName(user.displayName);
      setStatusDraft(null);
      setSaved(`Saved. People now see you as ${(user ?? me).displayName}.`);
    },
    onError: (error) => setErrors(serverFieldErrors(error)),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved('');
    const parsedName = updateProfileInput.safeParse({ displayName: name });
    const parsedStatus = setStatusInput.safeParse({ status });
    setErrors({
      ...(parsedName.success ? {} : fieldErrors(parsedName.error.issues)),
      ...(parsedStatus.success ? {} : fieldErrors(parsedStatus.error.issues)),
    });
    if (!parsedName.success || !parsedStatus.success) return;
    const statusChanged = parsedStatus.data.status !== savedStatus;
    const nameChanged = parsedName.data.displayName !== me.displayName;
    // Save with nothing changed saves the name, as it always did: the answer says how it reads.
    save.mutate({
      displayName: nameChanged || !statusChanged ? parsedName.data.displayName : null,
      status: statusChanged ? parsedStatus.data.status : null,
    });
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
      <TextField
        label="Status"
        name="status"
        autoComplete="off"
        maxLength={MAX_STATUS}
        placeholder="On holiday until Monday"
        hint={`Shown on your profile card and in member lists; leave it empty for none. ${status.length}/${MAX_STATUS} characters.`}
        value={status}
        onChange={(event) => {
          setStatusDraft(event.target.value);
          setSaved('');
        }}
        error={errors.status}
      />
      <FormFooter error={save.error} fieldErrors={errors} success={saved} pending={save.isPending} submit="Save" submitting="Saving…" />
    </form>
  );
}
