import { join } from 'node:path';
import { FULL, QUICK } from './config.ts';
import { writeResults } from './report/write.ts';
import { runSuite } from './suite.ts';
import { RESULTS_DIR } from './targets/paths.ts';
import { TARGETS, type TargetName } from './targets/target.ts';

// npm run bench [-- --full] [-- --targets=ours,ws] [-- --repeat=N] [-- --out-dir=<dir>]
// From the repository root, npm hands `-- --full` to the inner `npm run -w` as its own config
// (npm_config_full=true) instead of to this script, so flags are read from both places; a value
// must then be joined with `=` (npm would read `--out-dir <dir>` as `--out-dir` and an argument).
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const joined = args.find((a) => a.startsWith(`--${name}=`));
  if (joined) return joined.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1]?.startsWith('--') === false ? args[i + 1] : 'true';
  return process.env[`npm_config_${name.replace(/-/g, '_')}`];
};
const config = flag('full') === 'true' ? FULL : QUICK;
const targets = (flag('targets')?.split(',') as TargetName[] | undefined) ?? TARGETS;
const repeat = Number(flag('repeat') ?? '1');
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected a whole number of rounds, 1 or more (got ${flag('repeat')})`);
// Full-mode results sit beside the quick ones rather than replacing them.
const outDir = flag('out-dir') ?? (config === FULL ? join(RESULTS_DIR, 'full') : RESULTS_DIR);

const results = await runSuite(config, { targets, repeat });
console.log(writeResults(results, outDir));
console.error(`[bench] results in ${outDir}`);
