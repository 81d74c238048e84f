import type { AppResults } from './results.ts';
import { count, mb, ms, seconds } from './units.ts';

export interface Goal {
  goal: string;
  /** Per app, in the order of the results. */
  checks: { measured: string; met: boolean | null }[];
}

const LIMITS = { catchup1k: 1_000, catchup5k: 2_000, burstDelay: 500, burstTask: 100, dom: 3_000, heapMB: 60 };

const NOT_MEASURED = { measured: 'not measured', met: null };

function catchupGoal(app: AppResults, missed: number, limitMs: number) {
  const r = app.catchup.find((c) => c.missed === missed);
  if (!r || r.status === 'failed') return NOT_MEASURED;
  if (r.status === 'timed out' || r.catchUpMs === null) {
    const where = r.newestInDom === true ? ' (the newest in the DOM, out of view)' : r.newestInDom === false ? ' (the newest not in the DOM)' : '';
    return { measured: `timed out${where}`, met: false };
  }
  return { measured: seconds(r.catchUpMs), met: r.catchUpMs <= limitMs };
}

function burstDelayGoal(app: AppResults) {
  const b = app.burst;
  if (!b || b.status === 'failed') return NOT_MEASURED;
  if (b.appeared === null) return { measured: 'timed out, the page did not answer', met: false };
  const missing = b.messages - b.appeared;
  const max = b.delayMs.max;
  const measured = `max ${ms(max)}${missing > 0 ? `, ${count(missing)} not shown within the timeout` : ''}`;
  return { measured, met: missing === 0 && max !== null && max <= LIMITS.burstDelay };
}

function burstTaskGoal(app: AppResults) {
  const b = app.burst;
  if (!b || b.status === 'failed') return NOT_MEASURED;
  // A page that could not answer for seconds was in a task at least that long.
  if (b.longestTaskMs === null) return b.status === 'timed out' ? { measured: 'the page did not answer', met: false } : NOT_MEASURED;
  return { measured: ms(b.longestTaskMs), met: b.longestTaskMs <= LIMITS.burstTask };
}

/** The largest DOM any scenario left or passed through, and where. */
function domGoal(app: AppResults) {
  const seen: [string, number | null][] = [
    ...app.catchup.map((c): [string, number | null] => [`catch-up ${count(c.missed)}`, c.domElements]),
    ['burst', app.burst?.domElements ?? null],
    ['scroll-back', app.scroll?.domMax ?? null],
  ];
  const measured = seen.filter((s): s is [string, number] => s[1] !== null);
  if (measured.length === 0) return NOT_MEASURED;
  const [where, most] = measured.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { measured: `${count(most)} (${where})`, met: most <= LIMITS.dom };
}

function heapGoal(app: AppResults) {
  const s = app.scroll;
  if (!s || s.status === 'failed') return NOT_MEASURED;
  if (!s.reachedStart) return { measured: `the first message was not reached${s.heapMB === null ? '' : ` (${mb(s.heapMB)} by then)`}`, met: false };
  if (s.heapMB === null) return NOT_MEASURED;
  return { measured: mb(s.heapMB), met: s.heapMB <= LIMITS.heapMB };
}

/** The issue's targets, each judged for every app measured. */
export function checkGoals(apps: readonly AppResults[]): Goal[] {
  const each = (judge: (app: AppResults) => { measured: string; met: boolean | null }) => apps.map((a) => (a.setupError ? NOT_MEASURED : judge(a)));
  return [
    { goal: 'catch-up of 1,000 missed ≤ 1 s', checks: each((a) => catchupGoal(a, 1_000, LIMITS.catchup1k)) },
    { goal: 'catch-up of 5,000 missed ≤ 2 s', checks: each((a) => catchupGoal(a, 5_000, LIMITS.catchup5k)) },
    { goal: 'live burst: every message shown ≤ 500 ms after send', checks: each(burstDelayGoal) },
    { goal: 'live burst: no task > 100 ms', checks: each(burstTaskGoal) },
    { goal: 'DOM elements ≤ 3,000 (every scenario)', checks: each(domGoal) },
    { goal: 'JS heap ≤ 60 MB after scrolling back 5,000 (after GC)', checks: each(heapGoal) },
  ];
}
