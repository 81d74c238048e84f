const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A file size as people read it: "512 B", "1.5 KB", "12 KB", "3.4 MB" (binary multiples, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal only where it says something: 1.5 MB, but 12 MB rather than 12.3 MB.
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // Rounding can reach the next unit (1023.7 KB → 1024 KB): say 1 MB instead.
  if (shown >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${shown} ${UNITS[unit]}`;
}
