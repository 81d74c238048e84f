import { loginInput } from '@chat/api-types';
import { useState, type FormEvent } from 'react';
import { errorCode, errorMessage, fieldErrors, serverFieldErrors } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';
import { FormError } from '../ui/FormError.tsx';
import { TextField } from '../ui/TextField.tsx';
import { button } from '../ui/styles.ts';
import { useAuth } from './authContext.ts';

export function SignInForm() {
  const { signIn } = useAuth();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const login = trpc.auth.login.useMutation({ onSuccess: signIn, onError: (error) => setErrors(serverFieldErrors(error)) });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = loginInput.safeParse({ username: form.get('username'), password: form.get('password') });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) login.mutate(parsed.data);
  };

  const failure =
    login.error && Object.keys(errors).length === 0
      ? errorCode(login.error) === 'UNAUTHORIZED'
        ? 'Wrong username or password.'
        : errorMessage(login.error)
      : null;

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <TextField label="Username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required error={errors.username} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <FormError message={failure} />
      <button type="submit" className={`${button.primary} w-full`} disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
