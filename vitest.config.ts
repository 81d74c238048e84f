import { defineConfig } from 'vitest/config';

// One run over every suite, so `npm test` ends with a single summary of all of them.
export default defineConfig({
  test: {
    projects: ['tools/lint-rules', 'tools/structure', 'packages/db', 'packages/client', 'apps/api', 'apps/cli', 'packaging', 'examples/echo-bot', 'bench', 'hostile', 'apps/web', 'e2e'],
  },
});
