import { figureRows } from './figures.ts';
import { checkGoals } from './goals.ts';
import type { WebBenchResults } from './results.ts';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The figures and the targets as plain aligned text for the terminal. */
export function toConsoleTable(r: WebBenchResults): string {
  const labels = r.apps.map((a) => a.label);
  const strip = (s: string) => s.replace(/\*\*/g, '');
  const figures = table([['figure', ...labels], ...figureRows(r.apps, r.timeoutMs).map((row) => row.map(strip))]);
  const goals = table([
    ['target', ...labels],
    ...checkGoals(r.apps).map((g) => [g.goal, ...g.checks.map((c) => `${c.met === null ? '–' : c.met ? 'met' : 'MISSED'}: ${c.measured}`)]),
  ]);
  return `${figures}\n\n${goals}\n`;
}
