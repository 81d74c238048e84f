import { describe, expect, it } from 'vitest';
import { medianResults, roundOrder } from './rounds.ts';
import type { TargetResults } from './results.ts';
import type { LoadResult } from './workloads/audience.ts';

const load = (p99: number, cpu: number, lost = 0): LoadResult =>
  ({ latency: { p50: 1, p99, p999: p99 * 2, max: p99 * 3 }, cpuUsPerDelivery: cpu, lost, duplicates: 0, sendErrors: 0 }) as unknown as LoadResult;

const round = (p99: number, cpu: number, ceiling: number, lost = 0): TargetResults => ({
  restRss: cpu * 1_000_000,
  bigRoom: load(p99, cpu, lost),
  manyRooms: load(p99 + 1, cpu * 2),
  ladder: { steps: [load(p99, cpu)], ceiling, limitReached: true },
  costModel: null,
  idle: [{ connections: 500, rssPerConnection: cpu * 100, heapPerConnection: cpu * 10, cpuUsPerConnect: cpu * 20, cpuUsPerConnectAfterGc: cpu * 30 }],
});

describe('bench rounds', () => {
  it('alternate the order of the targets', () => {
    expect([0, 1, 2].map((r) => roundOrder(['ws', 'socketio', 'ours'], r))).toEqual([
      ['ws', 'socketio', 'ours'],
      ['ours', 'socketio', 'ws'],
      ['ws', 'socketio', 'ours'],
    ]);
  });

  it('take the median of every figure, the worst round for losses, and the median round for the ladder', () => {
    const merged = medianResults([round(5, 10, 300), round(9, 7, 100, 2), round(4, 8, 200)]);
    expect(merged.bigRoom.latency.p99).toBe(5);
    expect(merged.bigRoom.cpuUsPerDelivery).toBe(8);
    expect(merged.manyRooms.cpuUsPerDelivery).toBe(16);
    expect(merged.bigRoom.lost).toBe(2);
    expect(merged.idle?.[0]?.heapPerConnection).toBe(80);
    expect(merged.idle?.[0]?.cpuUsPerConnect).toBe(160);
    expect(merged.restRss).toBe(8_000_000);
    expect(merged.ladder?.ceiling).toBe(200);
    expect(merged.ladder?.steps[0]?.latency.p99).toBe(4);
  });

  it('average the middle two of an even number of rounds, and leave one round as it is', () => {
    expect(medianResults([round(4, 10, 100), round(6, 20, 200)]).bigRoom.latency.p99).toBe(5);
    const only = round(3, 3, 3);
    expect(medianResults([only])).toBe(only);
  });
});
