import { defineConfig } from 'vitest/config';

// Unit tests cover pure logic (and static Markdown rendering), so they run in plain Node without a DOM.
export default defineConfig({
  test: {
    name: 'web',
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
