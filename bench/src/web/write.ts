import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catchupChart } from './chart.ts';
import { CHART_FILE, toMarkdown } from './markdown.ts';
import type { WebBenchResults } from './results.ts';

/** Writes latest.md, latest.json and the chart into `dir`. */
export function writeResults(r: WebBenchResults, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.md'), toMarkdown(r));
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, CHART_FILE), catchupChart(r));
}
