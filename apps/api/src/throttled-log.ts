import type { Logger } from './log.ts';

/**
 * A log line that clients can cause at will (a malformed frame costs them nothing): written at
 * most once per interval, carrying how many occurrences since the previous line it stands for,
 * so nobody can flood the log and an operator still sees that it happens.
 */
export function throttledLog(
  log: Logger,
  level: 'debug' | 'warn',
  message: string,
  intervalMs = 10_000,
): (fields: Record<string, unknown>) => void {
  let lastAt = -Infinity;
  let skipped = 0;
  return (fields) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) {
      skipped++;
      return;
    }
    log[level]({ ...fields, alsoSinceLastLine: skipped }, message);
    lastAt = now;
    skipped = 0;
  };
}
