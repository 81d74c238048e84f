import type { TargetResults } from './results.ts';

/** Target order in round `round`: forward, then backward, so that none always runs first or last. */
export function roundOrder<T>(targets: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...targets] : [...targets].reverse();
}

// A loss or a duplicate in any round is one: these take the worst round, not the median.
const WORST_OF = new Set(['lost', 'duplicates', 'sendErrors']);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Every number the median over `values` (same-length arrays element by element); anything else from the first. */
function medianOf(values: unknown[], key = ''): unknown {
  const [first] = values;
  if (typeof first === 'number') {
    const xs = values as number[];
    return WORST_OF.has(key) ? Math.max(...xs) : median(xs);
  }
  if (Array.isArray(first)) {
    const arrays = values as unknown[][];
    if (arrays.some((a) => !Array.isArray(a) || a.length !== first.length)) return first;
    return first.map((_, i) => medianOf(arrays.map((a) => a[i])));
  }
  if (first !== null && typeof first === 'object') {
    const objects = values as Record<string, unknown>[];
    if (objects.some((o) => o === null || typeof o !== 'object')) return first;
    return Object.fromEntries(Object.keys(first).map((k) => [k, medianOf(objects.map((o) => o[k]), k)]));
  }
  return first;
}

/**
 * One target's results over several rounds, as one: each figure the median of its rounds. The
 * ladder is a curve, not a figure: the round with the median ceiling is kept whole.
 */
export function medianResults(rounds: TargetResults[]): TargetResults {
  const [first] = rounds;
  if (!first) throw new Error('no rounds');
  if (rounds.length === 1) return first;
  const ladders = rounds.flatMap((r) => (r.ladder ? [r.ladder] : [])).sort((a, b) => a.ceiling - b.ceiling);
  const ladder = ladders[(ladders.length - 1) >> 1] ?? null;
  return { ...(medianOf(rounds) as TargetResults), ladder };
}
