import { Toast } from 'radix-ui';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { CloseIcon } from './icons.tsx';
import { ToastContext } from './toastContext.ts';

/** Long enough to read one twice; Radix holds it while hovered or focused. */
const SHOWN_MS = 8_000;

/**
 * Short messages over the bottom of the screen, each gone after a while or when dismissed. Radix
 * reads them out as they come, and F8 takes the keyboard to them.
 */
export function Toasts({ children }: { children: ReactNode }) {
  const ids = useRef(0);
  const [toasts, setToasts] = useState<{ id: number; text: string }[]>([]);
  const show = useCallback((text: string) => setToasts((shown) => [...shown, { id: ++ids.current, text }]), []);
  const dismiss = (id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id));
  return (
    <Toast.Provider duration={SHOWN_MS}>
      <ToastContext value={show}>{children}</ToastContext>
      {toasts.map(({ id, text }) => (
        <Toast.Root
          key={id}
          onOpenChange={(open) => !open && dismiss(id)}
          className="flex items-center gap-3 rounded-xl bg-slate-900 py-2 pr-2 pl-4 text-sm text-white shadow-xl dark:bg-slate-100 dark:text-slate-900"
        >
          <Toast.Description className="min-w-0 flex-1">{text}</Toast.Description>
          <Toast.Close
            aria-label="Dismiss"
            className="inline-flex size-7 shrink-0 items-center justify-center rounded-lg text-slate-300 hover:bg-white/10 hover:text-white dark:text-slate-600 dark:hover:bg-slate-900/10 dark:hover:text-slate-900"
          >
            <CloseIcon />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed bottom-24 left-1/2 z-50 flex w-[min(24rem,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-2 outline-none" />
    </Toast.Provider>
  );
}
