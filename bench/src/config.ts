import type { Shape } from './workloads/audience.ts';

export interface RunPhase {
  durationMs: number;
  warmupMs: number;
  drainMs: number;
}

export interface BenchConfig {
  mode: 'quick' | 'full' | 'smoke';
  /** Accounts registered on our server, shared round-robin by connections. */
  users: number;
  fixed: { phase: RunPhase; bigRoom: Shape & { deliveriesPerSec: number }; manyRooms: Shape & { deliveriesPerSec: number } };
  ladder: { phase: RunPhase; shape: Shape; start: number; factor: number; maxSteps: number; p99LimitMs: number } | null;
  idle: { counts: number[]; rooms: number; settleMs: number } | null;
  /** A freshly started target's RSS is read this long after its health check answered, before any client. */
  restAfterMs: number;
  storm: { clients: number; backlog: number; live: number } | null;
  history: { messages: number; pages: number } | null;
  /** One room at `messagesPerSec` with each number of `members`: CPU per message and per delivery. */
  costModel: { messagesPerSec: number; members: number[]; phase: RunPhase } | null;
  /** ChatStore.sendMessage micro-benchmark: `messages` per mode, grouped `batch` at a time. */
  groupCommit: { messages: number; batch: number } | null;
}

const bigRoom: Shape = { rooms: 1, members: 200, sendersPerRoom: 2 };
const manyRooms: Shape = { rooms: 50, members: 20, sendersPerRoom: 1 };

export const QUICK: BenchConfig = {
  mode: 'quick',
  users: 40,
  fixed: {
    phase: { durationMs: 5_000, warmupMs: 1_000, drainMs: 3_000 },
    bigRoom: { ...bigRoom, deliveriesPerSec: 20_000 },
    manyRooms: { ...manyRooms, deliveriesPerSec: 10_000 },
  },
  ladder: { phase: { durationMs: 2_000, warmupMs: 300, drainMs: 2_000 }, shape: bigRoom, start: 5_000, factor: 1.5, maxSteps: 11, p99LimitMs: 100 },
  idle: { counts: [500, 1_000], rooms: 10, settleMs: 1_500 },
  restAfterMs: 5_000,
  storm: { clients: 1_000, backlog: 50, live: 20 },
  history: { messages: 100_000, pages: 500 },
  // Full mode only: three more loads per target would take quick mode past three minutes.
  costModel: null,
  groupCommit: { messages: 2_000, batch: 20 },
};

export const FULL: BenchConfig = {
  ...QUICK,
  mode: 'full',
  users: 200,
  fixed: { ...QUICK.fixed, phase: { durationMs: 20_000, warmupMs: 2_000, drainMs: 5_000 } },
  ladder: { ...(QUICK.ladder as NonNullable<BenchConfig['ladder']>), phase: { durationMs: 5_000, warmupMs: 500, drainMs: 3_000 } },
  idle: { counts: [2_000, 5_000], rooms: 50, settleMs: 3_000 },
  history: { messages: 1_000_000, pages: 2_000 },
  costModel: { messagesPerSec: 200, members: [2, 20, 200], phase: { durationMs: 10_000, warmupMs: 2_000, drainMs: 3_000 } },
  groupCommit: { messages: 10_000, batch: 20 },
};

/** The harness for a few seconds with tiny numbers (the smoke test). */
export const SMOKE: BenchConfig = {
  mode: 'smoke',
  users: 4,
  fixed: {
    phase: { durationMs: 1_000, warmupMs: 200, drainMs: 5_000 },
    bigRoom: { rooms: 1, members: 10, sendersPerRoom: 2, deliveriesPerSec: 500 },
    manyRooms: { rooms: 3, members: 4, sendersPerRoom: 1, deliveriesPerSec: 300 },
  },
  ladder: null,
  idle: null,
  restAfterMs: 200,
  storm: null,
  history: null,
  costModel: { messagesPerSec: 50, members: [2, 4], phase: { durationMs: 500, warmupMs: 100, drainMs: 5_000 } },
  groupCommit: null,
};
