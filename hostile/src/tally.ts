/** How many times each value occurs, for outcomes compared as a whole (`{ ok: 50, TOO_MANY_REQUESTS: 150 }`). */
export function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
