import { describe, expect, it } from 'vitest';
import { checkPasswordChange } from './passwordChange.ts';

describe('checkPasswordChange', () => {
  it('sends the current and new password, not the confirmation', () => {
    expect(checkPasswordChange({ currentPassword: 'old secret', newPassword: 'a new secret', confirmPassword: 'a new secret' })).toEqual({
      ok: true,
      input: { currentPassword: 'old secret', newPassword: 'a new secret' },
    });
  });

  it('holds the new password to the server length rule', () => {
    expect(checkPasswordChange({ currentPassword: 'old secret', newPassword: 'short', confirmPassword: 'short' })).toEqual({
      ok: false,
      errors: { newPassword: 'must be at least 8 characters' },
    });
  });

  it('wants the new password typed twice alike', () => {
    expect(checkPasswordChange({ currentPassword: 'old secret', newPassword: 'a new secret', confirmPassword: 'a new secreT' })).toEqual({
      ok: false,
      errors: { confirmPassword: "The new passwords don't match." },
    });
  });

  it('wants the current password, and names every problem at once', () => {
    expect(checkPasswordChange({ currentPassword: '', newPassword: 'short', confirmPassword: '' })).toEqual({
      ok: false,
      errors: {
        currentPassword: 'Enter your current password.',
        newPassword: 'must be at least 8 characters',
        confirmPassword: "The new passwords don't match.",
      },
    });
  });
});
