import { join } from 'node:path';
import { RESULTS_DIR } from '../targets/paths.ts';

export const SCENARIOS = ['catchup', 'burst', 'scroll'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface WebBenchOptions {
  scenarios: ScenarioName[];
  /** Missed messages per catch-up measurement. */
  sizes: number[];
  /** Another checkout measured the same way, side by side with this one. */
  app: string | null;
  /** One measurement that runs longer is reported as timed out, not waited for. */
  timeoutMs: number;
  /** False skips `vite build` (when dist is known to be current). */
  build: boolean;
  outDir: string;
  /** Records each scenario's CPU profile (of an unminified build) into `<outDir>/profiles`. */
  profile: boolean;
}

export const DEFAULTS: WebBenchOptions = {
  scenarios: [...SCENARIOS],
  sizes: [200, 1_000, 5_000],
  app: null,
  // The old app took 24–50 s for 1,000 missed messages: long enough to see that, bounded all the same.
  timeoutMs: 90_000,
  build: true,
  outDir: join(RESULTS_DIR, 'web'),
  profile: false,
};

/**
 * Flags come from argv or, when npm swallowed them as its own config on the way through the
 * root script, from npm_config_<name>; a value must then be joined with `=`.
 */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): WebBenchOptions {
  const flag = (name: string): string | undefined => {
    const joined = argv.find((a) => a.startsWith(`--${name}=`));
    if (joined) return joined.slice(name.length + 3);
    if (argv.includes(`--${name}`)) return 'true';
    return env[`npm_config_${name.replace(/-/g, '_')}`];
  };
  const scenarios = list(flag('scenarios'))?.map((s) => {
    if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`--scenarios: unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
    return s as ScenarioName;
  });
  const sizes = list(flag('sizes'))?.map((s) => wholeNumber('--sizes', s));
  const timeout = flag('timeout');
  const app = flag('app');
  if (app === 'true') throw new Error('--app: expected --app=<path to another checkout>');
  return {
    scenarios: scenarios ?? DEFAULTS.scenarios,
    sizes: sizes ?? DEFAULTS.sizes,
    app: app ?? null,
    timeoutMs: timeout === undefined ? DEFAULTS.timeoutMs : wholeNumber('--timeout', timeout) * 1000,
    build: flag('no-build') !== 'true',
    outDir: flag('out-dir') ?? DEFAULTS.outDir,
    profile: flag('profile') === 'true',
  };
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);

function wholeNumber(name: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number ≥ 1, got "${value}"`);
  return n;
}
