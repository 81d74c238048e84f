import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Limits } from '../settings.ts';
import type { AttackLoopReport } from './attack-loop.ts';
import type { CrowdReport } from './crowd.ts';
import type { Figures } from './figures.ts';

export interface SoakResult {
  startedAt: string;
  command: string;
  pass: boolean;
  failures: string[];
  machine: { cpus: number; model: string; node: string };
  settings: { minutes: number; clients: number; rooms: number; sendEveryMs: number; rateLimit: 'on'; limitsChanged: Partial<Limits> };
  durationS: { setUp: number; chat: number; total: number };
  chat: CrowdReport;
  attacks: AttackLoopReport;
  server: Omit<Figures, 'failures'>;
  errorLines: string[];
  warnLines: number;
}

const n = (value: number | null) => (value === null ? '–' : value.toLocaleString('en-US'));
const row = (cells: (string | number | null)[]) => `| ${cells.map((c) => (typeof c === 'string' ? c : n(c))).join(' | ')} |`;
const table = (head: string[], rows: (string | number | null)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
/** `4 × “close 1002 × 1”`: quoted, since an outcome has counts of its own. */
const outcomes = (counted: Record<string, number>) =>
  Object.entries(counted)
    .map(([what, times]) => `${times} × “${what}”`)
    .join('; ');

function headline(r: SoakResult): string[] {
  const { chat, server } = r;
  return [
    `${r.pass ? 'PASS' : `FAIL: ${r.failures.join('; ')}`}`,
    `${r.durationS.chat} s of chat under attack (set-up ${r.durationS.setUp} s, ${r.durationS.total} s in all), ${chat.clients} clients in ${chat.rooms} rooms, one message each every ${chat.sendEveryMs / 1000} s`,
    `messages: ${n(chat.sent)} sent, ${n(chat.delivered)} of ${n(chat.expected)} deliveries made, LOST ${n(chat.lost)}, REPEATED ${n(chat.repeated)} (send failures ${chat.sendFailures}, retried sends ${chat.retriedSends}, reconnects ${chat.reconnects}, out of order ${chat.outOfOrder}, unaccounted ${chat.unaccounted})`,
    `attacks: ${r.attacks.rounds} full rounds of ${r.attacks.attacks.length}, ${r.attacks.attacks.reduce((s, a) => s + a.runs, 0)} runs, ${r.attacks.attacks.reduce((s, a) => s + a.unexpected, 0)} unexpected`,
    `server RSS: ${n(server.rss.startMB)} MB at start, ${n(server.rss.afterSetupMB)} MB after set-up, max ${n(server.rss.maxMB)} MB, ${n(server.rss.endMB)} MB at the end (trend over the chat ${n(server.rss.slopeMBPerMinute)} MB/min)`,
    `server DATA_DIR (SQLite with its WAL, files): ${n(server.data.afterSetupMB)} MB after set-up, ${n(server.data.endMB)} MB at the end`,
    `event-loop delay p99 (per second, 10 ms sampling included): max ${n(server.loopP99Ms.max)} ms, median ${n(server.loopP99Ms.median)} ms`,
    `server CPU: mean ${n(server.cpu.serverMeanPercent)} %, max ${n(server.cpu.serverMaxPercent)} % of a core; this process ${n(server.cpu.soakMeanPercent)} % (its own event loop held up ${n(server.cpu.soakLoopMaxMs)} ms at most); load average ${n(server.cpu.load1Mean)} on ${r.machine.cpus} cores`,
    `/healthz: ${n(server.healthz.probes)} probes, ${server.healthz.failures.length} failed, max ${n(server.healthz.maxMs)} ms, p99 ${n(server.healthz.p99Ms)} ms, median ${n(server.healthz.medianMs)} ms`,
    `server log lines at error or above: ${r.errorLines.length} (at warn: ${r.warnLines})`,
  ];
}

export function consoleSummary(r: SoakResult): string {
  const attacks = r.attacks.attacks.map((a) => `  ${a.unexpected ? '✗' : '✓'} ${a.name}: ${outcomes(a.outcomes)}`);
  const minutes = r.server.minutes.map(
    (m) => `  min ${m.minute}: ${n(m.sent)} sent, RSS ${n(m.rssEndMB)} MB, data ${n(m.dataEndMB)} MB, CPU ${n(m.serverCpuPercent)} %, loop p99 max ${n(m.loopP99MaxMs)} ms, healthz max ${n(m.healthzMaxMs)} ms, load ${n(m.load1)}`,
  );
  const examples = [...r.chat.examples, ...r.chat.sendFailureExamples, ...r.chat.subscriptionErrors.slice(0, 5), ...r.errorLines.slice(0, 5), ...r.server.healthz.failures.slice(0, 5)];
  return [...headline(r), 'attacks:', ...attacks, 'per minute:', ...minutes, ...(examples.length ? ['examples:', ...examples.map((e) => `  ${e}`)] : [])].join('\n');
}

function markdown(r: SoakResult): string {
  const { chat, server } = r;
  const changed = Object.entries(r.settings.limitsChanged)
    .map(([name, value]) => `${name} ${n(value ?? null)}`)
    .join(', ');
  return `# Soak: ${r.startedAt}

\`${r.command}\`: **${r.pass ? 'PASS' : 'FAIL'}**${r.failures.length ? `: ${r.failures.join('; ')}` : ''}

${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}; the machine was shared (load average ${n(server.cpu.load1Mean)} on average during the chat). The server is its own process (SQLite, \`RATE_LIMIT=on\`, the limits' defaults except the hostile suite's short timeouts, so that slow attacks end within seconds: ${changed}). ${chat.clients} signed-in clients in ${chat.rooms} public rooms, each on one tRPC WebSocket following its room with \`message.onEvent\` and sending one message every ${chat.sendEveryMs / 1000} s; meanwhile every repeatable attack of \`src/attacks/\` runs, one after another, from addresses of its own.

${headline(r)
  .slice(1)
  .map((line) => `- ${line}`)
  .join('\n')}

## Messages

${table(
  ['sent', 'deliveries expected', 'delivered', 'LOST', 'REPEATED', 'messages with a loss', 'send failures', 'retried sends', 'unaccounted', 'out of order', 'subscription errors', 'reconnects'],
  [[chat.sent, chat.expected, chat.delivered, chat.lost, chat.repeated, chat.lostMessages, chat.sendFailures, chat.retriedSends, chat.unaccounted, chat.outOfOrder, chat.subscriptionErrors.length, chat.reconnects]],
)}
${chat.examples.length ? `\n${chat.examples.map((e) => `- ${e}`).join('\n')}\n` : ''}
## Attacks: ${r.attacks.rounds} full rounds

${table(
  ['attack', 'runs', 'outcomes', 'unexpected', 'slowest (ms)', 'server loop p99 max while it ran (ms)'],
  r.attacks.attacks.map((a) => [a.name, a.runs, outcomes(a.outcomes), a.unexpected, a.slowestMs, server.loopP99Ms.maxByAttack[a.name] ?? null]),
)}

## The server, minute by minute

${table(
  ['minute', 'sent', 'attack rounds', 'RSS end (MB)', 'RSS max (MB)', 'server CPU (%)', 'soak CPU (%)', 'loop p99 max (ms)', 'loop p99 median (ms)', 'healthz max (ms)', 'soak loop max (ms)', 'load', 'DATA_DIR (MB)'],
  server.minutes.map((m) => [m.minute, m.sent, m.attackRounds, m.rssEndMB, m.rssMaxMB, m.serverCpuPercent, m.soakCpuPercent, m.loopP99MaxMs, m.loopP99MedianMs, m.healthzMaxMs, m.soakLoopMaxMs, m.load1, m.dataEndMB]),
)}

## Server log lines at error or above

${r.errorLines.length ? r.errorLines.map((line) => `- ${line}`).join('\n') : 'None.'}
`;
}

/** soak-latest.md and soak-latest.json in `outDir`; returns their paths. */
export function writeReport(r: SoakResult, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = [join(outDir, 'soak-latest.md'), join(outDir, 'soak-latest.json')];
  writeFileSync(files[0] as string, markdown(r));
  writeFileSync(files[1] as string, `${JSON.stringify(r, null, 2)}\n`);
  return files;
}
