/** Nearest-rank percentile of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export interface DelaySummary {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export const summarizeDelays = (delays: readonly number[]): DelaySummary => ({
  p50: percentile(delays, 50),
  p95: percentile(delays, 95),
  max: delays.length === 0 ? null : Math.max(...delays),
});

/** Whether the sequence numbers, read top to bottom in the DOM, only go up (a repeat is a failure too). */
export function ascending(seqs: readonly number[]): boolean {
  for (let i = 1; i < seqs.length; i++) if ((seqs[i] as number) <= (seqs[i - 1] as number)) return false;
  return true;
}

/** The targets speak of MB: decimal megabytes. */
/** Whole numbers as compact ranges ("3–5, 9"), sorted: which messages, without a thousand of them. */
export function ranges(values: readonly number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export const MB = 1_000_000;
