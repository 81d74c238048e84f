import { useEffect, useId, useRef, type ReactNode } from 'react';
import { button } from './styles.ts';
import { CloseIcon } from './icons.tsx';

interface Props {
  title: string;
  description?: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal built on <dialog>, which gives focus trapping, Escape and inertness of the page for free.
 * Mount it to open it; unmount it (from onClose) to close it.
 */
export function Dialog({ title, description, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  // No cleanup: unmounting removes the dialog from the top layer, and closing it here would
  // fire onClose during React's StrictMode remount.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // React's autoFocus runs before the dialog is shown, so the first field is focused here.
    dialog.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-950/50 backdrop:backdrop-blur-sm dark:bg-slate-900 dark:text-slate-100 dark:ring-white/10"
    >
      <div className="flex max-h-[min(40rem,calc(100dvh-4rem))] flex-col">
        <header className="flex items-start justify-between gap-4 px-6 pt-5">
          <div>
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-sm text-slate-500 dark:text-slate-400">
                {description}
              </p>
            )}
          </div>
          <button type="button" className={button.icon} aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </button>
        </header>
        <div className="min-h-0 overflow-y-auto px-6 pt-4 pb-6">{children}</div>
      </div>
    </dialog>
  );
}
