import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'db',
    include: ['src/**/*.test.ts'],
    // Type tests (*.test-d.ts) fail `npm test` as well as `npm run typecheck`.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
