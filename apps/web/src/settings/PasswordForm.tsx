import { useRef, useState, type FormEvent } from 'react';
import { useMe } from '../auth/meContext.ts';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { TextField } from '../ui/TextField.tsx';
import { useFocusFirstInvalid } from '../ui/useFocusFirstInvalid.ts';
import { FormFooter } from './FormFooter.tsx';
import { checkPasswordChange } from './passwordChange.ts';
import { passwordChangedText } from './sessions.ts';

/** A new password, given the current one; every other session ends with the old password. */
export function PasswordForm() {
  const me = useMe();
  const utils = trpc.useUtils();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState('');
  useFocusFirstInvalid(form, errors);
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: ({ ended }) => {
      form.current?.reset();
      setChanged(passwordChangedText(ended));
      void utils.auth.sessions.invalidate();
    },
    onError: (error) => {
      if (errorCode(error) === 'FORBIDDEN') setErrors({ currentPassword: 'The current password is wrong.' });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChanged('');
    const fields = new FormData(event.currentTarget);
    const checked = checkPasswordChange({
      currentPassword: String(fields.get('currentPassword') ?? ''),
      newPassword: String(fields.get('newPassword') ?? ''),
      confirmPassword: String(fields.get('confirmPassword') ?? ''),
    });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) change.mutate(checked.input);
  };

  return (
    <form ref={form} className="space-y-4" onSubmit={onSubmit} noValidate>
      {/* For password managers: which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.newPassword} />
        <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      </div>
      <FormFooter
        error={change.error}
        fieldErrors={errors}
        success={changed}
        pending={change.isPending}
        submit="Change password"
        submitting="Changing…"
      />
    </form>
  );
}
