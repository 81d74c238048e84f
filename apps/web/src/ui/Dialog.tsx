import { Dialog as Primitive } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { CloseIcon } from './icons.tsx';
import { button } from './styles.ts';

interface Props {
  title: string;
  description?: string;
  onClose(): void;
  children: ReactNode;
}

/** Focus the first field rather than the close button, which comes first in the DOM. */
function focusFirstField(event: Event) {
  const field = (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('input, textarea, select');
  if (!field) return;
  event.preventDefault();
  field.focus();
}

/**
 * A modal on Radix's Dialog (focus trap, Escape, inert page, labelling).
 * Mount it to open it; unmount it (from onClose) to close it.
 */
export function Dialog({ title, description, onClose, children }: Props) {
  // Radix gives focus back to a Dialog.Trigger; these dialogs have none (they are mounted to
  // open), so the element that had focus when one opened gets it back when it closes, unless
  // what closed it put focus somewhere on purpose (a search hit or a pin opens its message,
  // focused, perhaps before this runs).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const returnFocus = (event: Event) => {
    if (!opener?.isConnected) return;
    event.preventDefault();
    if (document.activeElement === null || document.activeElement === document.body) opener.focus();
  };
  return (
    <Primitive.Root open onOpenChange={(open) => !open && onClose()}>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-950/50 backdrop-blur-[2px]" />
        <Primitive.Content
          onOpenAutoFocus={focusFirstField}
          onCloseAutoFocus={returnFocus}
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[min(40rem,calc(100dvh-4rem))] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-2xl bg-white text-slate-900 shadow-2xl ring-1 ring-slate-900/10 focus:outline-none dark:bg-slate-900 dark:text-slate-100 dark:ring-white/10"
        >
          <header className="flex items-start justify-between gap-4 px-6 pt-5">
            <div>
              <Primitive.Title className="text-lg font-semibold">{title}</Primitive.Title>
              {description && <Primitive.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</Primitive.Description>}
            </div>
            <Primitive.Close className={button.icon} aria-label="Close">
              <CloseIcon />
            </Primitive.Close>
          </header>
          <div className="min-h-0 overflow-y-auto px-6 pt-4 pb-6">{children}</div>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
