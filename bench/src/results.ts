import type { BenchConfig } from './config.ts';
import type { MachineInfo } from './report/machine.ts';
import type { TargetName } from './targets/target.ts';
import type { LoadResult } from './workloads/audience.ts';
import type { CostModel } from './workloads/cost-model.ts';
import type { GroupCommitResult } from './workloads/group-commit.ts';
import type { HistoryResult } from './workloads/history.ts';
import type { IdlePoint } from './workloads/idle.ts';
import type { LadderResult } from './workloads/ladder.ts';
import type { StormResult } from './workloads/storm.ts';

// What a run of the suite found: written to results.json, read back by the reports.

export interface TargetResults {
  /** RSS in bytes of the freshly started process, `config.restAfterMs` after its health check, before any client. */
  restRss: number;
  bigRoom: LoadResult;
  manyRooms: LoadResult;
  ladder: LadderResult | null;
  costModel: CostModel | null;
  idle: IdlePoint[] | null;
}

export interface BenchResults {
  date: string;
  mode: BenchConfig['mode'];
  machine: MachineInfo;
  config: BenchConfig;
  /** Each target's figures: with several rounds, the median of its rounds (rounds.ts). */
  targets: Partial<Record<TargetName, TargetResults>>;
  /** How many times every target ran, in alternating order. */
  repeat: number;
  /** Every round's own results, when there was more than one. */
  rounds?: Partial<Record<TargetName, TargetResults[]>>;
  storm: StormResult | null;
  history: HistoryResult | null;
  groupCommit: GroupCommitResult | null;
  durationSec: number;
}
