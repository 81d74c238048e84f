import type { AppResults, BurstResult, CatchupResult, ScrollResult, Status } from './results.ts';

/** One line of the figures table: a label and a cell per app. */
export type Row = [label: string, ...cells: string[]];

import { count as n, mb, ms, seconds as s } from './units.ts';

/**
 * A cell for each app: the figure, or why there is none. A timed-out measurement shows as
 * such in its headline row; the page figures taken after it still show (or n/a).
 */
function rowsFor<R extends { status: Status; error?: string }>(
  apps: readonly AppResults[],
  timeoutMs: number,
  pick: (a: AppResults) => R | null | undefined,
  lines: [label: string, cell: (r: R) => string, headline?: boolean][],
  timedOutNote: (r: R) => string = () => '',
): Row[] {
  return lines.map(([label, cell, headline]) => [
    label,
    ...apps.map((a) => {
      const r = pick(a);
      if (a.setupError) return 'not run';
      if (!r) return '–';
      if (r.status === 'failed') return headline ? `failed: ${r.error ?? ''}` : '–';
      if (r.status === 'timed out' && headline) return `timed out (> ${n(timeoutMs / 1000)} s${timedOutNote(r)})`;
      return cell(r);
    }),
  ]);
}

// Tells "slow" from "never scrolled there": the newest may have arrived and stayed out of view.
const catchupNote = (r: CatchupResult): string =>
  r.newestInDom === true ? '; newest in the DOM, out of view' : r.newestInDom === false ? '; newest not in the DOM' : '';

export function figureRows(apps: readonly AppResults[], timeoutMs: number): Row[] {
  const sizes = [...new Set(apps.flatMap((a) => a.catchup.map((c) => c.missed)))];
  const rows: Row[] = [];
  for (const missed of sizes) {
    const t = `catch-up of ${n(missed)}`;
    rows.push(
      ...rowsFor<CatchupResult>(apps, timeoutMs, (a) => a.catchup.find((c) => c.missed === missed), [
        [`${t}: reconnected → newest shown`, (r) => s(r.catchUpMs), true],
        [`${t}: network back → newest shown (incl. the app's reconnect wait)`, (r) => s(r.fromRestoreMs), true],
        [`${t}: longest task`, (r) => ms(r.longestTaskMs)],
        [`${t}: DOM elements after`, (r) => n(r.domElements)],
        [`${t}: JS heap after GC`, (r) => mb(r.heapMB)],
      ], catchupNote),
    );
  }
  const burst = apps.map((a) => a.burst).find(Boolean);
  if (burst) {
    const t = `live burst of ${n(burst.messages)} at ${n(burst.ratePerSec)}/s`;
    rows.push(
      ...rowsFor<BurstResult>(apps, timeoutMs, (a) => a.burst, [
        [`${t}: delay p50 / p95 / max`, (r) => `${n(r.delayMs.p50)} / ${n(r.delayMs.p95)} / ${ms(r.delayMs.max)}`],
        // Not a headline: how many made it is the figure, timed out or not.
        [`${t}: appeared, duplicates, order`, (r) =>
          r.appeared === null
            ? `timed out (> ${n(timeoutMs / 1000)} s), the page did not answer`
            : `${n(r.appeared)}/${n(r.messages)}${r.status === 'timed out' ? ` within ${n(timeoutMs / 1000)} s` : ''}, ${n(r.duplicates)} dup., ${r.inOrder === null ? 'order n/a' : r.inOrder ? 'in order' : '**out of order**'}`],
        [`${t}: never in the DOM (1 = first of the burst); the last one shown at the end`, (r) =>
          `${r.neverInDom || 'none'}; ${r.newestShown === null ? 'n/a' : r.newestShown ? 'shown' : '**not shown**'}`],
        [`${t}: longest task`, (r) => ms(r.longestTaskMs)],
        [`${t}: DOM elements after`, (r) => n(r.domElements)],
        [`${t}: JS heap after GC`, (r) => mb(r.heapMB)],
      ]),
    );
  }
  const scroll = apps.map((a) => a.scroll).find(Boolean);
  if (scroll) {
    const t = `scrolling back ${n(scroll.messages)}`;
    rows.push(
      ...rowsFor<ScrollResult>(apps, timeoutMs, (a) => a.scroll, [
        [`${t}: time to the first message`, (r) => (r.reachedStart ? s(r.wallMs) : `not reached (${n(r.steps)}-step cap)`), true],
        [`${t}: wheel steps`, (r) => n(r.steps)],
        [`${t}: longest task`, (r) => ms(r.longestTaskMs)],
        [`${t}: DOM elements max / at the end`, (r) => `${n(r.domMax)} / ${n(r.domElements)}`],
        [`${t}: JS heap after GC at the end`, (r) => mb(r.heapMB)],
      ]),
    );
  }
  return rows;
}
