/**
 * A form's success, read out politely. The region stays in the page while empty: a screen reader
 * announces text that appears in a live region it already knows, not a region that appears.
 */
export function FormStatus({ message }: { message: string }) {
  return (
    <p role="status" className={message ? 'rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300' : 'sr-only'}>
      {message}
    </p>
  );
}
