import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Attacks against a real server process, one file at a time: each file measures that process's memory.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'hostile',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
