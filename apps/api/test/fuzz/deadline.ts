/** `promise`, or a rejection saying what did not answer within `ms`: a hung call fails the run rather than the test's timeout. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How long one call may take before it counts as the server not answering. */
export const CALL_DEADLINE_MS = 10_000;
