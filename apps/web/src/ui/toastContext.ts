import { createContext, useContext } from 'react';

/** Shows a short message for a moment (Toasts): news that has no place of its own on the screen. */
export type ShowToast = (text: string) => void;

export const ToastContext = createContext<ShowToast | null>(null);

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast outside <Toasts>');
  return show;
}
