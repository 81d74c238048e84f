import { useEffect, type RefObject } from 'react';

/**
 * After a refused submit, the first field in error takes the focus, once it is marked invalid:
 * a screen reader then reads its label with the error, and the keyboard is where the fix goes.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: Record<string, string>): void {
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}
