import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests drive real Chromium against the real server, one file at a time, after every
// other suite has finished (groupOrder): on two cores, the API suites and the benchmark's smoke
// run beside them starved the page of CPU, and timing-sensitive scrolling checks failed then.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});
