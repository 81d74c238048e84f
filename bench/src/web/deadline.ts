export type Outcome<T> = { timedOut: false; value: T } | { timedOut: true };

/**
 * Races `work` against a timer. A page frozen by a long task would otherwise keep an
 * evaluate (and the whole run) waiting for as long as it likes; the loser is left to settle
 * on its own, its rejection swallowed.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  work.catch(() => {});
  try {
    return await Promise.race([work.then((value): Outcome<T> => ({ timedOut: false, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The value, or null when it did not come within `ms` or failed: for figures that are nice to have. */
export async function orNull<T>(work: Promise<T>, ms: number): Promise<T | null> {
  try {
    const outcome = await withDeadline(work, ms);
    return outcome.timedOut ? null : outcome.value;
  } catch {
    return null;
  }
}
