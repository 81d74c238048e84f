import type { FormEvent, ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';
import { FormError } from './FormError.tsx';
import { button } from './styles.ts';

interface Props {
  title: string;
  description: string;
  /** The confirming button's label. */
  confirm: string;
  onConfirm(): void;
  onClose(): void;
  /** The action is under way: the button waits. */
  pending?: boolean;
  /** Whether what `children` asks for is filled in (a name typed to match). */
  ready?: boolean;
  error?: string | null;
  /** Something to fill in before confirming; Enter in it confirms. */
  children?: ReactNode;
}

/** Asks before something that is hard to take back; the caller closes it, at once or once the action is done. */
export function ConfirmDialog({ title, description, confirm, onConfirm, onClose, pending = false, ready = true, error = null, children }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !pending) onConfirm();
  };
  return (
    <Dialog title={title} description={description} onClose={onClose}>
      <form className="space-y-4" onSubmit={submit} noValidate>
        {children}
        <FormError message={error} />
        <div className="flex justify-end gap-2">
          <button type="button" className={button.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={button.dangerSolid} disabled={!ready || pending}>
            {confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
