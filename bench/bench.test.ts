import { describe, expect, it } from 'vitest';
import { SMOKE } from './src/config.ts';
import { toMarkdown } from './src/report/markdown.ts';
import { runSuite } from './src/suite.ts';

// The harness itself, for a few seconds with tiny numbers: no timing assertions, only that every
// message reached every subscriber exactly once on our server (on SQLite, and on PostgreSQL +
// Redis), on the bare ws baseline, and on bare ws storing through our SQLite store.
describe('bench harness (smoke)', () => {
  it('runs against our server on both stores, bare ws and bare ws with our store, with nothing lost or duplicated, in two rounds', async () => {
    const names = ['ws', 'ours', 'ours-pg', 'ws-store'] as const;
    const results = await runSuite(SMOKE, { targets: names, quiet: true, repeat: 2 });
    for (const name of names) {
      expect(results.rounds?.[name], name).toHaveLength(2);
      const t = results.targets[name];
      expect(t, name).toBeDefined();
      expect(t?.restRss, name).toBeGreaterThan(0);
      for (const run of [t?.bigRoom, t?.manyRooms]) {
        expect(run?.sent, name).toBeGreaterThan(0);
        expect(run?.delivered, name).toBe(run?.expected);
        expect(run?.lost, name).toBe(0);
        expect(run?.duplicates, name).toBe(0);
        expect(run?.sendErrors, name).toBe(0);
      }
      expect(t?.costModel?.points.map((p) => p.members), name).toEqual(SMOKE.costModel?.members);
      for (const point of t?.costModel?.points ?? []) expect([point.lost, point.duplicates], name).toEqual([0, 0]);
    }
    const markdown = toMarkdown(results);
    expect(markdown).toContain('| big room: p99 latency (ms) |');
    expect(markdown).toContain('CPU µs each further member costs (fitted)');
    expect(markdown).toContain('2 rounds, the targets in alternating order');
    expect(markdown).toContain('| at rest, 0.2 s after start, no client: RSS (MiB) |');
    expect(markdown).toContain('our server (tRPC + PostgreSQL + Redis)');
    expect(markdown).toContain('bare ws storing through our SQLite store');
    expect(markdown).toMatch(/bare ws storing through our store ×[\d.]+/);
  });
});
