/**
 * Shared class lists, so every button and input looks and behaves the same. Each entry is
 * complete (colours and size together): appending a conflicting utility does not reliably
 * override one, because Tailwind orders the CSS, not the class attribute.
 */

const base =
  'inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50';
// indigo-600 and darker keep white text above 4.5:1 (indigo-500 does not).
const primary = 'bg-indigo-600 text-white hover:bg-indigo-700';
const secondary =
  'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';
const ghost = 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white';
const iconOnly = 'text-slate-500 hover:bg-slate-200/70 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white';

export const button = {
  primary: `${base} ${primary} px-4 py-2 text-sm`,
  primarySmall: `${base} ${primary} px-3 py-1.5 text-sm`,
  secondary: `${base} ${secondary} px-4 py-2 text-sm`,
  secondarySmall: `${base} ${secondary} px-3 py-1.5 text-sm`,
  ghost: `${base} ${ghost} px-2.5 py-1.5 text-sm`,
  ghostTiny: `${base} ${ghost} px-1.5 py-0.5 text-xs`,
  danger: `${base} px-2.5 py-1.5 text-sm text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`,
  // red-600 keeps white text above 4.5:1.
  dangerSolid: `${base} bg-red-600 text-white hover:bg-red-700 px-4 py-2 text-sm`,
  dangerSmall: `${base} border border-red-300 bg-white text-red-700 hover:bg-red-50 px-3 py-1.5 text-sm dark:border-red-900 dark:bg-slate-900 dark:text-red-400 dark:hover:bg-red-950`,
  floating: `${secondary} inline-flex items-center whitespace-nowrap rounded-full px-3 py-1.5 text-sm font-medium shadow-md`,
  send: `${base} ${primary} size-9 shrink-0`,
  icon: `${base} ${iconOnly} size-8 text-sm`,
  iconSmall: `${base} ${iconOnly} size-7 text-sm`,
};

export const input =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-0 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500';

export const muted = 'text-slate-500 dark:text-slate-400';
