import type { BenchResults, TargetResults } from '../results.ts';
import { machineLine } from './machine.ts';
import { TARGET_LABEL, type TargetName } from '../targets/target.ts';
import { fmt, withRatio } from './format.ts';
import { checkTargets } from './targets.ts';

type Pick = (t: TargetResults) => number | null | undefined;

const FIXED_COLUMNS: TargetName[] = ['ws', 'socketio', 'ours'];

/** The baselines and our server, then any other target that ran (another backend of ours). */
const columns = (r: BenchResults): TargetName[] => [
  ...FIXED_COLUMNS,
  ...(Object.keys(r.targets) as TargetName[]).filter((name) => !FIXED_COLUMNS.includes(name)),
];

const MIB = 2 ** 20;

function row(r: BenchResults, label: string, pick: Pick, prefix: (t: TargetResults) => string = () => ''): string {
  const base = r.targets.ws ? pick(r.targets.ws) : null;
  const cells = columns(r).map((name) => {
    const t = r.targets[name];
    return t ? prefix(t) + withRatio(pick(t), base) : '–';
  });
  return `| ${label} | ${cells.join(' | ')} |`;
}

function loadRows(r: BenchResults, key: 'bigRoom' | 'manyRooms', title: string): string[] {
  return [
    row(r, `${title}: p50 latency (ms)`, (t) => t[key].latency.p50),
    row(r, `${title}: p99 latency (ms)`, (t) => t[key].latency.p99),
    row(r, `${title}: p99.9 latency (ms)`, (t) => t[key].latency.p999),
    row(r, `${title}: server CPU µs / delivery`, (t) => t[key].cpuUsPerDelivery),
    row(r, `${title}: deliveries lost / duplicated`, (t) => t[key].lost + t[key].duplicates),
  ];
}

function costRows(r: BenchResults): string[] {
  const c = r.config.costModel;
  if (!c) return [];
  const title = `cost model (1 room, ${fmt(c.messagesPerSec)} messages/s)`;
  return [
    ...c.members.map((members, i) =>
      row(r, `${title}: server CPU µs per message at ${members} members`, (t) => t.costModel?.points[i]?.cpuUsPerMessage),
    ),
    row(r, `${title}: CPU µs a message costs whatever the room's size (fitted)`, (t) => t.costModel?.perMessageUs),
    row(r, `${title}: CPU µs each further member costs (fitted)`, (t) => t.costModel?.perDeliveryUs),
  ];
}

/** The results as Markdown: machine, one table with every figure as a ratio to bare ws, the targets. */
export function toMarkdown(r: BenchResults): string {
  const f = r.config.fixed;
  const idleCounts = r.config.idle?.counts ?? [];
  const idleFrom = (i: number) => (i === 0 ? '1' : fmt(idleCounts[i - 1]));
  const lines = [
    `# Fan-out benchmark (${r.mode} mode)`,
    '',
    machineLine(r.date, r.machine, r.durationSec),
    '',
    `Big room: ${f.bigRoom.rooms} × ${f.bigRoom.members} members, ${f.bigRoom.sendersPerRoom} senders, ${fmt(f.bigRoom.deliveriesPerSec)} deliveries/s offered. ` +
      `Many rooms: ${f.manyRooms.rooms} × ${f.manyRooms.members}, ${f.manyRooms.sendersPerRoom} sender each, ${fmt(f.manyRooms.deliveriesPerSec)} deliveries/s. ` +
      `${f.phase.durationMs / 1000} s measured after ${f.phase.warmupMs / 1000} s warm-up; 140-byte bodies; open loop, latency from the scheduled send time.`,
    '',
    ...(r.repeat > 1
      ? [
          `${r.repeat} rounds, the targets in alternating order; every figure is the median of its rounds (a loss or duplicate in any round counts), ` +
            'the ladder and its chart are the round with the median ceiling; `latest.json` holds every round.',
          '',
        ]
      : []),
    `| figure (× = ratio to bare ws) | ${columns(r).map((n) => TARGET_LABEL[n]).join(' | ')} |`,
    `| --- | ${columns(r).map(() => '---').join(' | ')} |`,
    ...loadRows(r, 'bigRoom', 'big room'),
    ...loadRows(r, 'manyRooms', 'many rooms'),
    row(
      r,
      'rate-ladder ceiling (deliveries/s, p99 ≤ 100 ms, no loss; ≥: no limit within the ladder)',
      (t) => t.ladder?.ceiling,
      (t) => (t.ladder && !t.ladder.limitReached ? '≥ ' : ''),
    ),
    ...costRows(r),
    ...idleCounts.flatMap((count, i) => [
      row(r, `idle: RSS per connection from ${idleFrom(i)} to ${fmt(count)} (bytes)`, (t) => t.idle?.[i]?.rssPerConnection),
      row(r, `idle: V8 heap per connection at ${fmt(count)} (bytes)`, (t) => t.idle?.[i]?.heapPerConnection),
    ]),
    ...idleCounts.map((count, i) =>
      row(r, `connect + subscribe: server CPU µs per client from ${idleFrom(i)} to ${fmt(count)}`, (t) => t.idle?.[i]?.cpuUsPerConnect),
    ),
    ...idleCounts.map((count, i) =>
      row(
        r,
        `connect + subscribe right after a full GC forced through the inspector: server CPU µs per client from ${idleFrom(i)} to ${fmt(count)}`,
        (t) => t.idle?.[i]?.cpuUsPerConnectAfterGc,
      ),
    ),
    row(r, `at rest, ${r.config.restAfterMs / 1000} s after start, no client: RSS (MiB)`, (t) => t.restRss / MIB),
    '',
  ];
  if (r.storm) {
    const s = r.storm;
    lines.push(
      `**Reconnect storm (our server only):** ${s.clients} clients dropped, ${s.backlog} messages written while away, server restarted; ` +
        `all resumed at once with lastEventId while ${s.live} more were sent. Backlog complete everywhere ${fmt(s.catchUpMs)} ms after the server was back ` +
        `(everything incl. live: ${fmt(s.allDoneMs)} ms); ${s.completed}/${s.clients} complete, ${s.lost} lost, ${s.duplicates} duplicated.`,
      '',
    );
  }
  if (r.history) {
    const h = r.history;
    lines.push(
      `**History paging (our server):** room of ${h.roomMessages.toLocaleString('en-US')} messages (seeded into SQLite in ${fmt(h.seedMs / 1000)} s), ` +
        `${h.pages} pages of 50 at random points: p50 ${fmt(h.latency.p50)} ms, p99 ${fmt(h.latency.p99)} ms, p99.9 ${fmt(h.latency.p999)} ms (round trip over the WebSocket).`,
      '',
    );
  }
  if (r.groupCommit) {
    const g = r.groupCommit;
    lines.push(
      `**Group commit (SQLite, ChatStore.sendMessage):** ${fmt(g.perMessageRowsPerSec)} messages/s with one transaction per message, ` +
        `${fmt(g.groupedRowsPerSec)} messages/s when ${g.batch} sends arrive in one turn and share a transaction (×${fmt(g.groupedRowsPerSec / g.perMessageRowsPerSec)}); ` +
        `${fmt(g.messages)} messages each.`,
      '',
    );
  }
  lines.push('## Targets (issue 19)', '', '| target | measured | met |', '| --- | --- | --- |');
  for (const c of checkTargets(r)) lines.push(`| ${c.goal} | ${c.measured} | ${c.met === null ? 'not measured' : c.met ? 'yes' : '**no**'} |`);
  lines.push('', '![p99 latency against offered load](latest-latency.svg)', '');
  return lines.join('\n');
}
