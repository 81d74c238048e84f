import { changePasswordInput } from '@chat/api-types';
import type { RouterInputs } from '@chat/api/router';
import { fieldErrors } from '../lib/errors.ts';

export interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

type Checked = { ok: true; input: RouterInputs['auth']['changePassword'] } | { ok: false; errors: Record<string, string> };

/**
 * What to send, or what to say under each field: the server's own rules (its schema), plus what
 * only the form knows: the new password typed twice alike, and something typed as the current one.
 */
export function checkPasswordChange(fields: PasswordFields): Checked {
  const parsed = changePasswordInput.safeParse(fields);
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  if (fields.currentPassword === '') errors.currentPassword ??= 'Enter your current password.';
  if (fields.confirmPassword !== fields.newPassword) errors.confirmPassword ??= "The new passwords don't match.";
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}
