import { driverFor } from './clients/drivers.ts';
import type { BenchConfig } from './config.ts';
import { machineInfo } from './report/machine.ts';
import { medianResults, roundOrder } from './rounds.ts';
import { startTarget } from './targets/start.ts';
import { TARGETS, type TargetName } from './targets/target.ts';
import type { LoadResult } from './workloads/audience.ts';
import { costModel, type CostModel } from './workloads/cost-model.ts';
import { fixedLoad } from './workloads/fixed-load.ts';
import { groupCommit } from './workloads/group-commit.ts';
import { historyPaging } from './workloads/history.ts';
import { idleConnections } from './workloads/idle.ts';
import { rateLadder, type LadderResult } from './workloads/ladder.ts';
import { restingRss } from './workloads/rest.ts';
import { reconnectStorm } from './workloads/storm.ts';
import type { BenchResults, TargetResults } from './results.ts';

const log = (line: string, quiet: boolean) => {
  if (!quiet) console.error(`[bench] ${line}`);
};

/** Memory at rest and the load workloads on one fresh target process, then idle connections on another. */
async function benchTarget(name: TargetName, cfg: BenchConfig, say: (line: string) => void): Promise<TargetResults> {
  const target = await startTarget(name);
  let restRss: number, bigRoom: LoadResult, manyRooms: LoadResult, ladder: LadderResult | null, costs: CostModel | null;
  try {
    say('at rest after start');
    restRss = await restingRss(target, cfg.restAfterMs);
    const driver = await driverFor(target, cfg.users);
    say('big room');
    bigRoom = await fixedLoad(target, driver, 'big', cfg.fixed.bigRoom, cfg.fixed.phase);
    say('many rooms');
    manyRooms = await fixedLoad(target, driver, 'many', cfg.fixed.manyRooms, cfg.fixed.phase);
    say('rate ladder');
    ladder = cfg.ladder ? await rateLadder(target, driver, cfg.ladder) : null;
    costs = null;
    if (cfg.costModel) {
      say('cost per message and per delivery');
      costs = await costModel(target, driver, cfg.costModel);
    }
  } finally {
    await target.stop();
  }
  say('idle connections');
  const idle = cfg.idle ? await idleConnections(name, cfg.idle, cfg.users) : null;
  return { restRss, bigRoom, manyRooms, ladder, costModel: costs, idle };
}

export async function runSuite(
  cfg: BenchConfig,
  opts: { targets?: readonly TargetName[]; quiet?: boolean; repeat?: number } = {},
): Promise<BenchResults> {
  const started = Date.now();
  const quiet = opts.quiet ?? false;
  const names = opts.targets ?? TARGETS;
  const repeat = opts.repeat ?? 1;
  const rounds: Partial<Record<TargetName, TargetResults[]>> = {};
  for (let round = 0; round < repeat; round++) {
    for (const name of roundOrder(names, round)) {
      const label = repeat > 1 ? `${name} (round ${round + 1} of ${repeat})` : name;
      const results = await benchTarget(name, cfg, (line) => log(`${label}: ${line}`, quiet));
      (rounds[name] ??= []).push(results);
    }
  }
  const targets: BenchResults['targets'] = {};
  for (const name of names) targets[name] = medianResults(rounds[name] ?? []);
  const runsOurs = names.includes('ours');
  log('ours: reconnect storm', quiet);
  const storm = cfg.storm && runsOurs ? await reconnectStorm(cfg.storm, cfg.users) : null;
  log('ours: history paging', quiet);
  const history = cfg.history && runsOurs ? await historyPaging(cfg.history) : null;
  log('ours: group commit', quiet);
  const grouped = cfg.groupCommit && runsOurs ? await groupCommit(cfg.groupCommit) : null;
  return {
    date: new Date().toISOString(),
    mode: cfg.mode,
    machine: machineInfo(),
    config: cfg,
    targets,
    repeat,
    ...(repeat > 1 ? { rounds } : {}),
    storm,
    history,
    groupCommit: grouped,
    durationSec: Math.round((Date.now() - started) / 1000),
  };
}
