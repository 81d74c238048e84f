import type { ProbeReport } from '../prober.ts';
import type { AttackLoopReport } from './attack-loop.ts';
import type { CrowdReport } from './crowd.ts';
import type { Probe, Sample } from './sampler.ts';

/** What the crowd and the attack loop had done by the end of each minute of the chat (the last one may be shorter). */
export interface Progress {
  atMs: number;
  sent: number;
  rounds: number;
}

/** Everything the soak observed, as collected (times in ms since the sampler started). */
export interface Observed {
  chatFromMs: number;
  chatToMs: number;
  crowd: CrowdReport;
  attacks: AttackLoopReport;
  samples: Sample[];
  probes: Probe[];
  probeReport: ProbeReport;
  progress: Progress[];
  /** Server log lines at error (50) or above, described; and how many at warn (40). */
  errorLines: string[];
  warnLines: number;
}

export interface Minute {
  minute: number;
  sent: number;
  attackRounds: number;
  rssEndMB: number | null;
  rssMaxMB: number | null;
  serverCpuPercent: number | null;
  soakCpuPercent: number | null;
  loopP99MaxMs: number | null;
  loopP99MedianMs: number | null;
  healthzMaxMs: number | null;
  soakLoopMaxMs: number | null;
  load1: number | null;
  dataEndMB: number | null;
}

export interface Figures {
  rss: { startMB: number | null; afterSetupMB: number | null; maxMB: number | null; endMB: number | null; slopeMBPerMinute: number | null };
  /** DATA_DIR after set-up and at the end of the chat. */
  data: { afterSetupMB: number | null; endMB: number | null };
  loopP99Ms: { max: number | null; median: number | null; samples: number; maxByAttack: Record<string, number> };
  cpu: { serverMeanPercent: number | null; serverMaxPercent: number | null; soakMeanPercent: number | null; soakLoopMaxMs: number | null; load1Mean: number | null };
  healthz: { probes: number; failures: string[]; maxMs: number; p99Ms: number | null; medianMs: number | null };
  minutes: Minute[];
  /** Why the run failed; empty for a pass. */
  failures: string[];
}

const MB = (bytes: number | null | undefined) => (bytes == null ? null : Math.round(bytes / 1e5) / 10);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const numbers = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
const max = (values: (number | null)[]) => (numbers(values).length ? Math.max(...numbers(values)) : null);
const mean = (values: (number | null)[]) => {
  const n = numbers(values);
  return n.length ? n.reduce((a, b) => a + b, 0) / n.length : null;
};
function quantile(values: (number | null)[], q: number): number | null {
  const sorted = numbers(values).sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : null;
}

/** Least-squares slope of RSS over the chat, in MB a minute: near 0 if memory holds steady. */
function slope(samples: Sample[]): number | null {
  const points = samples.flatMap((s) => (s.rssBytes === null ? [] : [[s.atMs / 60_000, s.rssBytes / 1e6] as const]));
  if (points.length < 2) return null;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? null : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
}

/** The highest p99 among the seconds that ended while each attack ran (the second before it, roughly). */
function maxByActivity(samples: Sample[]): Record<string, number> {
  const byActivity: Record<string, number> = {};
  for (const { activity, loopP99Ms } of samples) {
    if (activity !== null && loopP99Ms !== null) byActivity[activity] = Math.max(byActivity[activity] ?? 0, round1(loopP99Ms) as number);
  }
  return byActivity;
}

export function figures(o: Observed): Figures {
  const during = <T extends { atMs: number }>(items: T[], from = o.chatFromMs, to = o.chatToMs) => items.filter((i) => i.atMs >= from && i.atMs < to);
  const chat = during(o.samples);
  const latencies = during(o.probes).map((p) => p.latencyMs);
  const minutes = o.progress.map((end, m): Minute => {
    const start = o.progress[m - 1] ?? { atMs: o.chatFromMs, sent: 0, rounds: 0 };
    const inside = during(o.samples, start.atMs, end.atMs);
    return {
      minute: m + 1,
      sent: end.sent - start.sent,
      attackRounds: end.rounds - start.rounds,
      rssEndMB: MB(inside.at(-1)?.rssBytes),
      rssMaxMB: MB(max(inside.map((s) => s.rssBytes))),
      serverCpuPercent: round1(mean(inside.map((s) => s.serverCpuPercent))),
      soakCpuPercent: round1(mean(inside.map((s) => s.soakCpuPercent))),
      loopP99MaxMs: round1(max(inside.map((s) => s.loopP99Ms))),
      loopP99MedianMs: round1(quantile(inside.map((s) => s.loopP99Ms), 0.5)),
      healthzMaxMs: max(during(o.probes, start.atMs, end.atMs).map((p) => p.latencyMs)),
      soakLoopMaxMs: round1(max(inside.map((s) => s.soakLoopMaxMs))),
      load1: round1(mean(inside.map((s) => s.load1))),
      dataEndMB: MB(inside.at(-1)?.dataBytes),
    };
  });
  const result: Omit<Figures, 'failures'> = {
    rss: {
      startMB: MB(o.samples[0]?.rssBytes),
      afterSetupMB: MB(chat[0]?.rssBytes),
      maxMB: MB(max(o.samples.map((s) => s.rssBytes))),
      endMB: MB(chat.at(-1)?.rssBytes),
      slopeMBPerMinute: round1(slope(chat)),
    },
    data: { afterSetupMB: MB(chat[0]?.dataBytes), endMB: MB(chat.at(-1)?.dataBytes) },
    loopP99Ms: {
      max: round1(max(chat.map((s) => s.loopP99Ms))),
      median: round1(quantile(chat.map((s) => s.loopP99Ms), 0.5)),
      samples: numbers(chat.map((s) => s.loopP99Ms)).length,
      maxByAttack: maxByActivity(chat),
    },
    cpu: {
      serverMeanPercent: round1(mean(chat.map((s) => s.serverCpuPercent))),
      serverMaxPercent: round1(max(chat.map((s) => s.serverCpuPercent))),
      soakMeanPercent: round1(mean(chat.map((s) => s.soakCpuPercent))),
      soakLoopMaxMs: round1(max(chat.map((s) => s.soakLoopMaxMs))),
      load1Mean: round1(mean(chat.map((s) => s.load1))),
    },
    healthz: {
      probes: o.probeReport.probes,
      failures: o.probeReport.failures,
      maxMs: o.probeReport.maxLatencyMs,
      p99Ms: quantile(latencies, 0.99),
      medianMs: quantile(latencies, 0.5),
    },
    minutes,
  };
  return { ...result, failures: verdict(o, result) };
}

function verdict(o: Observed, f: Omit<Figures, 'failures'>): string[] {
  const { crowd, attacks } = o;
  const unexpected = attacks.attacks.filter((a) => a.unexpected > 0).map((a) => `${a.name} × ${a.unexpected}`);
  return [
    ...(crowd.sent === 0 ? ['no message was sent'] : []),
    ...(crowd.lost > 0 ? [`${crowd.lost} deliveries lost (${crowd.lostMessages} messages)`] : []),
    ...(crowd.repeated > 0 ? [`${crowd.repeated} deliveries repeated`] : []),
    ...(crowd.sendFailures > 0 ? [`${crowd.sendFailures} sends failed after their retries`] : []),
    ...(crowd.unaccounted > 0 ? [`${crowd.unaccounted} messages arrived that no send returned`] : []),
    ...(crowd.outOfOrder > 0 ? [`${crowd.outOfOrder} events out of order`] : []),
    ...(crowd.subscriptionErrors.length > 0 ? [`${crowd.subscriptionErrors.length} subscription errors`] : []),
    ...(f.healthz.failures.length > 0 ? [`${f.healthz.failures.length} /healthz probes failed`] : []),
    ...(f.loopP99Ms.samples === 0 ? ['no event-loop p99 could be read from /metrics'] : []),
    ...(unexpected.length > 0 ? [`unexpected attack outcomes: ${unexpected.join('; ')}`] : []),
    ...(o.errorLines.length > 0 ? [`${o.errorLines.length} server log lines at error or above`] : []),
  ];
}
