import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from '../results.ts';
import { toMarkdown } from './markdown.ts';
import { latencyChart } from './svg.ts';

/** Writes latest.md, latest.json and latest-latency.svg into `dir`; answers the Markdown. */
export function writeResults(r: BenchResults, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const markdown = toMarkdown(r);
  writeFileSync(join(dir, 'latest.md'), markdown);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, 'latest-latency.svg'), latencyChart(r));
  return markdown;
}
