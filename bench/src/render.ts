import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeResults } from './report/write.ts';
import type { BenchResults } from './results.ts';
import { RESULTS_DIR } from './targets/paths.ts';

// Re-renders latest.md and latest-latency.svg from latest.json (after a change to the report),
// in bench/results or the directory given (`node --import tsx src/render.ts results/full`).
const dir = process.argv[2] ? resolve(process.argv[2]) : RESULTS_DIR;
const results = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as BenchResults;
writeResults(results, dir);
