import type { Config } from '../../src/config.ts';

type LogLevel = Config['logLevel'];

/**
 * How much to fuzz, and how to replay a failure: FUZZ_SEED (with FUZZ_PATH, from a failure's
 * report) reruns exactly the reported counterexample; FUZZ_LOG_LEVEL=error shows the server's
 * own stack for it.
 */
export interface FuzzSettings {
  runs: number;
  seed: number;
  path: string | undefined;
  logLevel: LogLevel;
}

function integerFrom(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${JSON.stringify(raw)}`);
  return value;
}

export function readSettings(): FuzzSettings {
  return {
    runs: integerFrom('FUZZ_RUNS', 200, 1),
    // fast-check seeds are 32-bit integers.
    seed: integerFrom('FUZZ_SEED', (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0, -0x80000000),
    path: process.env.FUZZ_PATH || undefined,
    logLevel: (process.env.FUZZ_LOG_LEVEL as LogLevel | undefined) || 'silent',
  };
}
