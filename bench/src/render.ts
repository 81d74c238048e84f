import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeResults } from './report/write.ts';
import type { BenchResults } from './suite.ts';
import { RESULTS_DIR } from './targets/paths.ts';

// Re-renders latest.md and latest-latency.svg from latest.json (after a change to the report).
const results = JSON.parse(readFileSync(join(RESULTS_DIR, 'latest.json'), 'utf8')) as BenchResults;
writeResults(results, RESULTS_DIR);
