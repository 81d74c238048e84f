import { useState } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { button } from '../ui/styles.ts';

interface Props {
  count: number;
  pending: boolean;
  onConfirm(): void;
}

/** Ends every session but this one, once confirmed: it cannot be undone short of signing in again everywhere. */
export function SignOutOthersButton({ count, pending, onConfirm }: Props) {
  const [confirming, setConfirming] = useState(false);
  const close = () => setConfirming(false);
  return (
    <>
      <button type="button" className={button.secondary} disabled={pending} onClick={() => setConfirming(true)}>
        {pending ? 'Signing out…' : 'Sign out all other sessions'}
      </button>
      {confirming && (
        <ConfirmDialog
          title="Sign out all other sessions?"
          description={`${count === 1 ? 'The other device' : `The ${count} other devices`} signed in as you will go back to the sign-in screen. This device stays signed in.`}
          confirm="Sign out others"
          onConfirm={() => {
            onConfirm();
            close();
          }}
          onClose={close}
        />
      )}
    </>
  );
}
