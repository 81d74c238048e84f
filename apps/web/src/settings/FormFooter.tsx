import { errorMessage } from '../lib/errors.ts';
import { FormError } from '../ui/FormError.tsx';
import { FormStatus } from '../ui/FormStatus.tsx';
import { button } from '../ui/styles.ts';

interface Props {
  /** The server's refusal; not repeated here when it is already shown under a field. */
  error: unknown;
  fieldErrors: Record<string, string>;
  success: string;
  pending: boolean;
  /** Nothing to submit yet (nothing changed). */
  disabled?: boolean;
  submit: string;
  submitting: string;
}

/** How a settings form ends: what came of the last submit, then the button for the next. */
export function FormFooter({ error, fieldErrors, success, pending, disabled = false, submit, submitting }: Props) {
  return (
    <>
      <FormError message={error && Object.keys(fieldErrors).length === 0 ? errorMessage(error) : null} />
      <FormStatus message={success} />
      <div className="flex justify-end">
        <button type="submit" className={button.primary} disabled={pending || disabled}>
          {pending ? submitting : submit}
        </button>
      </div>
    </>
  );
}
