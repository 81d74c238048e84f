import { registerInput } from '@chat/api-types';
import { useState, type FormEvent } from 'react';
import { errorCode, errorMessage, fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { FormError } from '../ui/FormError.tsx';
import { TextField } from '../ui/TextField.tsx';
import { button } from '../ui/styles.ts';
import { useAuth } from './authContext.ts';

export function SignUpForm() {
  const { signIn } = useAuth();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const register = trpc.auth.register.useMutation({
    onSuccess: signIn,
    onError: (error) => {
      setErrors(errorCode(error) === 'CONFLICT' ? { username: 'That username is taken. Try another.' } : serverFieldErrors(error));
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get('displayName') ?? '').trim();
    const parsed = registerInput.safeParse({
      username: form.get('username'),
      password: form.get('password'),
      displayName: displayName || undefined,
    });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) register.mutate(parsed.data);
  };

  // A failure already shown under a field needs no second message.
  const failure = register.error && Object.keys(errors).length === 0 ? errorMessage(register.error) : null;

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint="3–32 characters: a–z, 0–9, and _ . -"
        error={errors.username}
      />
      <TextField label="Display name" name="displayName" autoComplete="nickname" hint="Optional. Shown next to your messages." error={errors.displayName} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.password} />
      <FormError message={failure} />
      <button type="submit" className={`${button.primary} w-full`} disabled={register.isPending}>
        {register.isPending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
