import type { MachineInfo } from '../report/machine.ts';
import type { DelaySummary } from './stats.ts';

/** A timeout is a result (the app froze), not a crash; `failed` is the bench's own trouble. */
export type Status = 'ok' | 'timed out' | 'failed';

interface Outcome {
  status: Status;
  /** What went wrong, when failed. */
  error?: string;
}

export interface PageFigures {
  longestTaskMs: number | null;
  domElements: number | null;
  heapMB: number | null;
}

export interface CatchupResult extends Outcome, PageFigures {
  missed: number;
  /** Posting them while the page was away. */
  postMs: number;
  /** The page's socket reached the server again → newest shown: the catch-up itself. */
  catchUpMs: number | null;
  /** Network back → newest shown: with the app's reconnect backoff, when it had one (proxy.ts). */
  fromRestoreMs: number | null;
  /** Network back → the page's socket reached the server. */
  reconnectMs: number | null;
  /** When timed out: whether the newest was in the DOM at least (then only out of view). */
  newestInDom?: boolean | null;
}

export interface BurstResult extends Outcome, PageFigures {
  messages: number;
  ratePerSec: number;
  /** First send to last send issued: whether the bench kept the rate. */
  sendSpanMs: number;
  /** In-DOM time minus send-issued time, over the messages that appeared. */
  delayMs: DelaySummary;
  /** null: the page, frozen, did not say. */
  appeared: number | null;
  /** Messages that appeared under more than one element id, or twice in the DOM at the end. */
  duplicates: number;
  /** data-seq ascending in DOM order at the end, over the messages in the DOM. */
  inOrder: boolean | null;
  /**
   * Burst messages (1 = the first) never in the DOM, as ranges. Gaps in the middle with the
   * newest shown suggest a virtualized list that scrolled past them within a frame; a missing
   * tail, a list that stopped following the bottom.
   */
  neverInDom: string;
  /** Whether the burst's last message was shown at the end. */
  newestShown: boolean | null;
}

export interface ScrollResult extends Outcome, PageFigures {
  messages: number;
  seedMs: number;
  wallMs: number | null;
  steps: number;
  /** The oldest message was shown (else the step cap or the timeout ended it). */
  reachedStart: boolean;
  domMax: number | null;
}

export interface AppResults {
  label: string;
  description: string;
  /** Build or server start failed: nothing measured. */
  setupError?: string;
  /** 1-minute load average as each scenario started: other work on the 2 cores skews every figure. */
  loadAverages: number[];
  catchup: CatchupResult[];
  burst: BurstResult | null;
  scroll: ScrollResult | null;
}

export interface WebBenchResults {
  date: string;
  machine: MachineInfo;
  durationSec: number;
  timeoutMs: number;
  apps: AppResults[];
}
