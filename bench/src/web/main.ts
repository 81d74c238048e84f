import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { machineInfo } from '../report/machine.ts';
import { REPO_ROOT } from '../targets/paths.ts';
import { buildWebApp, describeCheckout } from './checkout.ts';
import { toConsoleTable } from './console-table.ts';
import { parseOptions } from './options.ts';
import type { AppResults, WebBenchResults } from './results.ts';
import { runApp } from './run-app.ts';
import { errorText } from './scenarios/env.ts';
import { writeResults } from './write.ts';

// npm run bench:web [-- --scenarios=catchup,burst,scroll] [-- --sizes=200,1000,5000]
//   [-- --app=<another checkout>] [-- --timeout=<s per measurement>] [-- --no-build] [-- --out-dir=<dir>]
//   [-- --profile]
const options = parseOptions(process.argv.slice(2), process.env);
const log = (line: string) => console.error(`[bench:web] ${line}`);
const started = Date.now();

const checkouts = [describeCheckout('ours', REPO_ROOT)];
if (options.app) {
  const other = describeCheckout(basename(options.app.replace(/\/+$/, '')), options.app);
  if (other.root === checkouts[0]?.root) throw new Error('--app: that is this checkout');
  checkouts.push(other);
}

const apps: AppResults[] = [];
for (let checkout of checkouts) {
  log(`${checkout.label}: ${checkout.root} (${checkout.description})`);
  const unusable = (error: string) => {
    log(`${checkout.label}: ${error}`);
    apps.push({ label: checkout.label, description: checkout.description, setupError: error, loadAverages: [], catchup: [], burst: null, scroll: null });
  };
  if (!options.build && !existsSync(join(checkout.webDist, 'index.html'))) {
    // Its server would answer every page with 404 and each scenario would time out signing in.
    unusable(`no built web app at ${checkout.webDist} (build it, or leave out --no-build)`);
    continue;
  }
  if (options.build) {
    log(`${checkout.label}: building the web app…`);
    try {
      checkout = await buildWebApp(checkout, { minify: !options.profile });
    } catch (err) {
      // Ours may be mid-rewrite; the other checkout is still worth measuring.
      unusable(errorText(err));
      continue;
    }
  }
  apps.push(await runApp(checkout, options, log));
}

const results: WebBenchResults = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  durationSec: Math.round((Date.now() - started) / 1000),
  timeoutMs: options.timeoutMs,
  apps,
};
writeResults(results, options.outDir);
console.log(toConsoleTable(results));
log(`results in ${options.outDir} (${results.durationSec} s)`);
// A timeout is a measurement (an app that froze); a failure is the bench's own, and a script
// running the bench must see it.
const failures = apps.flatMap((app) => [
  ...(app.setupError ? [`${app.label}: ${app.setupError}`] : []),
  ...[...app.catchup, app.burst, app.scroll].flatMap((r) => (r?.status === 'failed' ? [`${app.label}: ${r.error ?? 'failed'}`] : [])),
]);
if (failures.length > 0) {
  log(`${failures.length} measurement(s) failed:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
