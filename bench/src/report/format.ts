/** A number with sensible precision for a table cell. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

// RSS growth can come out zero or negative when the allocator reuses freed memory: no ratio then.
const usableBase = (base: number | null | undefined): base is number => base !== null && base !== undefined && base > 0;

/** `value (×ratio)` against the bare-ws figure of the same run. */
export function withRatio(value: number | null | undefined, base: number | null | undefined): string {
  if (value === null || value === undefined || !usableBase(base)) return fmt(value);
  return `${fmt(value)} (×${(value / base).toFixed(2)})`;
}

export const ratio = (a: number | null | undefined, b: number | null | undefined): number =>
  a === null || a === undefined || !usableBase(b) ? Number.NaN : a / b;
