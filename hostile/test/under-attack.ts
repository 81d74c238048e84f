import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSession, type Session, type SessionReport } from '../src/session.ts';
import type { Limits } from '../src/settings.ts';
import type { Target } from '../src/target.ts';

export const MAX_RSS_GROWTH_BYTES = 150_000_000;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * A describe block around one server process, started with `overrides`, on which a canary
 * chats and a prober asks /healthz while the block's tests attack it. Its last test checks that
 * none of that was disturbed: every canary message arrived once and in order, every probe
 * answered 200, and the server's RSS grew by less than 150 MB.
 */
export function underAttack(name: string, overrides: Partial<Limits>, attacks: (target: () => Target) => void): void {
  describe(name, () => {
    let session: Session | undefined;
    beforeAll(async () => {
      session = await startSession(overrides);
    });
    afterAll(() => session?.close());
    const target = () => {
      if (!session) throw new Error('the server did not start');
      return session.server;
    };

    attacks(target);

    test('meanwhile the canary lost nothing, /healthz always answered, memory stayed bounded', async () => {
      if (!session) throw new Error('the server did not start');
      const report = await session.finish();
      console.info(`${name}: ${summary(report)}`);
      const { canary, probes, memory } = report;
      expect(canary.sendErrors).toEqual([]);
      expect(canary.subscriptionErrors).toEqual([]);
      expect(canary.lost).toEqual([]);
      expect(canary.repeated).toEqual([]);
      expect(canary.inOrder).toBe(true);
      expect(canary.eventIdsOutOfOrder).toEqual([]);
      expect(canary.sent).toBeGreaterThan(0);
      expect(probes.failures).toEqual([]);
      expect(probes.probes).toBeGreaterThan(0);
      expect(memory.growthBytes).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    });
  });
}

function summary({ canary, probes, memory }: SessionReport): string {
  return [
    `canary ${canary.received}/${canary.sent} messages (${canary.lost.length} lost, ${canary.repeated.length} repeated, ${canary.reconnects} reconnects)`,
    `${probes.probes} probes (${probes.failures.length} failed, slowest ${probes.maxLatencyMs} ms)`,
    `RSS ${MB(memory.baselineBytes)} → peak ${MB(memory.peakBytes)} (+${MB(memory.growthBytes)})`,
  ].join('; ');
}
