import { errorMessage } from '../lib/errors.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button } from '../ui/styles.ts';
import { useOpenDirectRoom } from './useOpenDirectRoom.ts';
import { UserSearch } from './UserSearch.tsx';

/** Starts (or reopens) the direct conversation with someone found by search. */
export function NewMessageDialog({ onClose }: { onClose(): void }) {
  const open = useOpenDirectRoom(onClose);
  return (
    <Dialog title="New message" description="Find someone to talk to one-on-one." onClose={onClose}>
      <UserSearch
        renderAction={(user) => (
          <button
            type="button"
            className={button.secondary}
            aria-label={`Message ${user.displayName}`}
            disabled={open.isPending}
            onClick={() => open.mutate({ userId: user.id })}
          >
            Message
          </button>
        )}
      />
      <FormError message={open.error ? errorMessage(open.error) : null} />
    </Dialog>
  );
}
