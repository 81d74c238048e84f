import { fmt } from '../report/format.ts';
import { machineLine } from '../report/machine.ts';
import { figureRows } from './figures.ts';
import { checkGoals } from './goals.ts';
import type { WebBenchResults } from './results.ts';

export const CHART_FILE = 'latest-catchup.svg';

// Two cores: anything else running (another test suite, a build) shows in every figure.
const loadRange = (loads: readonly number[]): string =>
  loads.length === 0 ? '' : ` (load average ${Math.min(...loads)}–${Math.max(...loads)} as its scenarios started)`;

const met = (m: boolean | null) => (m === null ? 'not measured' : m ? 'yes' : '**no**');

/** The results as Markdown: the apps, every figure side by side, the targets, how it was measured. */
export function toMarkdown(r: WebBenchResults): string {
  const labels = r.apps.map((a) => a.label);
  const lines = [
    '# Web timeline benchmark',
    '',
    machineLine(r.date, r.machine, r.durationSec),
    '',
    ...r.apps.map((a) => `- **${a.label}**: ${a.description}${a.setupError ? ` — not run: ${a.setupError}` : ''}${loadRange(a.loadAverages)}`),
    '',
    `| figure | ${labels.join(' | ')} |`,
    `| --- | ${labels.map(() => '---').join(' | ')} |`,
    ...figureRows(r.apps, r.timeoutMs).map(([label, ...cells]) => `| ${label} | ${cells.join(' | ')} |`),
    '',
    '## Targets',
    '',
    `| target | ${labels.map((l) => `${l} | met`).join(' | ')} |`,
    `| --- | ${labels.map(() => '--- | ---').join(' | ')} |`,
    ...checkGoals(r.apps).map((g) => `| ${g.goal} | ${g.checks.map((c) => `${c.measured} | ${met(c.met)}`).join(' | ')} |`),
    '',
    `![catch-up time by missed messages](${CHART_FILE})`,
    '',
    '## How',
    '',
    "Each app's server runs as its own process (`RATE_LIMIT=off`, fresh data directory) and serves its own built web app; " +
      "Debian's Chromium, headless, 1280×800, signs in as a member; every scenario has a fresh room and a fresh browser context, " +
      'opened at the newest message. Three authors post through the HTTP API (50 sends in flight). ' +
      'Long tasks come from a `longtask` PerformanceObserver put in the page before the app; DOM elements are ' +
      '`document.getElementsByTagName("*").length`; the heap is `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`. ' +
      '"Shown" means the element with the message\'s id and text is inside the visible box of its scroller, checked in the page once a frame.',
    '',
    "- **Catch-up**: the page reaches its server through a TCP proxy in the bench; the proxy cuts every connection, N messages are posted, then the network comes back. " +
      "Attempts made while it was down are held and go through at that moment; one the app had given up on waits for the app's next try (backoff up to ~5 s). " +
      'So two times: from the moment the page\'s socket reached the server again (the catch-up itself, judged against the targets) and from the moment the network came back.',
    '- **Live burst**: sends issued open-loop at the rate; each delay is when an element carrying the message first entered the DOM (MutationObserver, page clock) minus when its send was issued (same machine clock). ' +
      'A virtualized list mounts only what is near the view: at 200/s a frame can bring more than a screenful, and messages scrolled past within it never enter the DOM; the "never in the DOM" row tells those gaps from a list that stopped following.',
    '- **Scrolling back**: the room is seeded through the API; the mouse wheel goes up 600 px at a time over the list, two frames apart, until the first message is shown.',
    `- A measurement still unfinished after ${fmt(r.timeoutMs / 1000)} s is reported as timed out; the page figures after it are n/a when the page did not answer within 5 s.`,
    '',
  ];
  return lines.join('\n');
}
