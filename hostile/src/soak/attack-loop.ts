import type { Target } from '../target.ts';
import type { Attack } from './attack-catalog.ts';

export interface AttackTally {
  name: string;
  expected: string[];
  runs: number;
  /** Each outcome in words, and how many runs ended with it. */
  outcomes: Record<string, number>;
  unexpected: number;
  slowestMs: number;
}

export interface AttackLoopReport {
  /** Rounds in which every attack ran. */
  rounds: number;
  attacks: AttackTally[];
}

export interface AttackLoop {
  /** The attack under way, if any. */
  current(): string | null;
  unexpectedSoFar(): number;
  roundsSoFar(): number;
  /** Lets the attack under way finish (each cleans up after itself), then reports. */
  stop(): Promise<AttackLoopReport>;
}

/**
 * The attacks one after another, round after round, until stopped: one at a time, so that
 * the log lines an attack looks at are its own and every attack meets the same crowd.
 */
export function startAttackLoop(target: Target, attacks: Attack[]): AttackLoop {
  const tallies: AttackTally[] = attacks.map(({ name, expected }) => ({ name, expected, runs: 0, outcomes: {}, unexpected: 0, slowestMs: 0 }));
  let rounds = 0;
  let stopping = false;
  let current: string | null = null;

  const runOnce = async (attack: Attack, tally: AttackTally) => {
    const startedAt = Date.now();
    current = attack.name;
    const outcome = await attack.run(target).catch((err: unknown) => `threw: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200));
    current = null;
    tally.runs++;
    tally.slowestMs = Math.max(tally.slowestMs, Date.now() - startedAt);
    tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1;
    if (!attack.expected.includes(outcome)) tally.unexpected++;
  };
  const looping = (async () => {
    for (;;) {
      for (const [i, attack] of attacks.entries()) {
        if (stopping) return;
        await runOnce(attack, tallies[i] as AttackTally);
      }
      rounds++;
    }
  })();

  return {
    current: () => current,
    unexpectedSoFar: () => tallies.reduce((sum, t) => sum + t.unexpected, 0),
    roundsSoFar: () => rounds,
    async stop() {
      stopping = true;
      await looping;
      return { rounds, attacks: tallies };
    },
  };
}
