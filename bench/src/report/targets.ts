import type { BenchResults, TargetResults } from '../results.ts';
import { fmt, ratio } from './format.ts';

export interface TargetCheck {
  goal: string;
  measured: string;
  /** null: this run does not measure it. */
  met: boolean | null;
}

const last = <T>(xs: readonly T[] | null | undefined): T | undefined => xs?.[xs.length - 1];

const MIB = 2 ** 20;

/** A goal on one figure: not measured, and why, when the run has none (NaN). */
function figureCheck(goal: string, value: number, met: (value: number) => boolean, shown: string, unmeasured: string): TargetCheck {
  return Number.isNaN(value) ? { goal, measured: `not measured: ${unmeasured}`, met: null } : { goal, measured: shown, met: met(value) };
}

/** A goal on a ratio to bare ws. */
const ratioCheck = (goal: string, value: number, met: (value: number) => boolean, unmeasured: string, more = ''): TargetCheck =>
  figureCheck(goal, value, met, `×${fmt(value)}${more}`, unmeasured);

/**
 * The same figure for bare ws storing each message through our SQLite store, when the run has
 * it: what storing alone costs, against which the rest of our server can be judged.
 */
function storingAlone(figure: (t: TargetResults) => number | undefined, ws: TargetResults, store: TargetResults | undefined): string {
  return store ? `; bare ws storing through our store ×${fmt(ratio(figure(store), figure(ws)))}` : '';
}

/** What a message costs whatever the room's size, and what each further member adds: fitted by the cost model. */
function costChecks(r: BenchResults, ours: TargetResults, ws: TargetResults, store: TargetResults | undefined): TargetCheck[] {
  // The fitted figure of bare ws can come out at zero or below (noise on a small intercept): no ratio then.
  const unmeasured = r.config.costModel ? "bare ws's fitted figure is not above zero" : 'the cost model runs in full mode only (--full)';
  return [
    ratioCheck(
      "server CPU per message, whatever the room's size (cost model) ≤ 2× bare ws",
      ratio(ours.costModel?.perMessageUs, ws.costModel?.perMessageUs),
      (x) => x <= 2,
      unmeasured,
      storingAlone((t) => t.costModel?.perMessageUs, ws, store),
    ),
    ratioCheck(
      'server CPU per further member of the room (cost model) ≤ 1.2× bare ws',
      ratio(ours.costModel?.perDeliveryUs, ws.costModel?.perDeliveryUs),
      (x) => x <= 1.2,
      unmeasured,
    ),
  ];
}

/** Server CPU per connection opened and subscribed, judged on the step to the most connections. */
function connectCheck(r: BenchResults, ours: TargetResults, ws: TargetResults, socketio: TargetResults | undefined): TargetCheck {
  const counts = r.config.idle?.counts ?? [];
  const steps = counts.map((count, i) => ({
    count,
    ours: ratio(ours.idle?.[i]?.cpuUsPerConnect, ws.idle?.[i]?.cpuUsPerConnect),
    socketio: ratio(socketio?.idle?.[i]?.cpuUsPerConnect, ws.idle?.[i]?.cpuUsPerConnect),
    oursAfterGc: ratio(ours.idle?.[i]?.cpuUsPerConnectAfterGc, ws.idle?.[i]?.cpuUsPerConnectAfterGc),
  }));
  const judged = last(steps);
  const afterGc = judged ? `; right after a forced GC ×${fmt(judged.oursAfterGc)}` : '';
  const earlier = steps.slice(0, -1).map((s) => `; step to ${fmt(s.count)}: ×${fmt(s.ours)}`);
  return ratioCheck(
    `server CPU to connect and subscribe a client${judged ? ` (idle connections, step to ${fmt(judged.count)})` : ''} ≤ 2× bare ws`,
    judged?.ours ?? Number.NaN,
    (x) => x <= 2,
    r.config.idle ? 'no such figure in these results' : 'no idle connections in this mode',
    ` (Socket.IO ×${fmt(judged?.socketio)})${afterGc}${earlier.join('')}`,
  );
}

/** CPU and latency against bare ws: the load workloads, the cost model, connecting. */
function againstBareWs(r: BenchResults, ours: TargetResults, ws: TargetResults, socketio: TargetResults | undefined, store: TargetResults | undefined): TargetCheck[] {
  const checks = costChecks(r, ours, ws, store);
  const loads = [
    ['big room', 'bigRoom', 1.15],
    [`many rooms of ${r.config.fixed.manyRooms.members}`, 'manyRooms', 1.35],
  ] as const;
  for (const [label, key, limit] of loads) {
    const cpu = ratio(ours[key].cpuUsPerDelivery, ws[key].cpuUsPerDelivery);
    const belowSio = socketio ? ours[key].cpuUsPerDelivery < socketio[key].cpuUsPerDelivery : true;
    checks.push({
      goal: `server CPU per delivered message, ${label} ≤ ${limit}× bare ws and below Socket.IO`,
      measured: `×${fmt(cpu)} (Socket.IO ×${fmt(ratio(socketio?.[key].cpuUsPerDelivery, ws[key].cpuUsPerDelivery))}${storingAlone((t) => t[key].cpuUsPerDelivery, ws, store)})`,
      met: cpu <= limit && belowSio,
    });
  }
  for (const [label, key] of [['big room', 'bigRoom'], ['many rooms', 'manyRooms']] as const) {
    const p99 = ratio(ours[key].latency.p99, ws[key].latency.p99);
    checks.push({ goal: `p99 at fixed load, ${label} ≤ 1.5× bare ws`, measured: `×${fmt(p99)}`, met: p99 <= 1.5 });
  }
  checks.push(connectCheck(r, ours, ws, socketio));
  return checks;
}

/** The earlier issues' targets against bare ws, met before and to be kept. */
function noRegression(ours: TargetResults, ws: TargetResults, socketio: TargetResults | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const oursIdle = last(ours.idle);
  const wsIdle = last(ws.idle);
  const sioIdle = last(socketio?.idle);
  if (oursIdle && wsIdle) {
    // Judged on the V8 heap after a forced GC: RSS deltas of a few MB are allocator noise
    // (bare ws can even come out negative); RSS is shown alongside.
    const heap = ratio(oursIdle.heapPerConnection, wsIdle.heapPerConnection);
    const rss = ratio(oursIdle.rssPerConnection, wsIdle.rssPerConnection);
    const belowSio = sioIdle ? oursIdle.heapPerConnection < sioIdle.heapPerConnection : true;
    checks.push({
      goal: `no regression: memory per idle connection (${oursIdle.connections}) ≤ 1.5× bare ws and below Socket.IO`,
      measured: `heap ×${fmt(heap)} (Socket.IO ×${fmt(ratio(sioIdle?.heapPerConnection, wsIdle.heapPerConnection))}); ${Number.isNaN(rss) ? "RSS: no ratio, bare ws's did not grow" : `RSS ×${fmt(rss)}`}`,
      met: heap <= 1.5 && belowSio,
    });
  }
  if (ours.ladder && ws.ladder) {
    const ceil = ratio(ours.ladder.ceiling, ws.ladder.ceiling);
    // Without a limit for bare ws its ceiling is only a lower bound, and the ratio says nothing.
    const goal = 'no regression: rate-ladder ceiling ≥ 0.8× bare ws';
    checks.push(
      ws.ladder.limitReached
        ? { goal, measured: `×${fmt(ceil)}${ours.ladder.limitReached ? '' : ' or more'}`, met: ceil >= 0.8 }
        : { goal, measured: 'not measured: bare ws reached no limit within the ladder', met: null },
    );
  }
  return checks;
}

/** The issue's targets, each met or not, from one run. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const { ours, ws, socketio, 'ws-store': store } = r.targets;
  const checks: TargetCheck[] = [];
  if (ours && ws) checks.push(...againstBareWs(r, ours, ws, socketio, store));
  if (ours) {
    const mib = ours.restRss / MIB;
    const goal = `our server at rest after start (${r.config.restAfterMs / 1000} s after its health check, no client) ≤ 100 MiB RSS`;
    checks.push(figureCheck(goal, mib, (x) => x <= 100, `${fmt(mib)} MiB`, 'no such figure in these results'));
  }
  if (ours && ws) checks.push(...noRegression(ours, ws, socketio));
  if (r.storm) {
    const s = r.storm;
    checks.push({
      goal: `no regression: ${s.clients} clients resume at once: all complete ≤ 2 s, nothing lost`,
      measured: `${fmt(s.catchUpMs)} ms, ${s.completed}/${s.clients} complete, lost ${s.lost}, dup ${s.duplicates}`,
      met: s.catchUpMs <= 2000 && s.lost === 0 && s.duplicates === 0 && s.completed === s.clients,
    });
  }
  if (r.history) {
    const h = r.history;
    const full = h.roomMessages >= 1_000_000;
    checks.push({
      goal: 'no regression: history page p99 ≤ 5 ms on a 1,000,000-message room',
      measured: `${fmt(h.latency.p99)} ms on ${h.roomMessages.toLocaleString('en-US')} messages${full ? '' : ' (quick mode: smaller room; --full measures 1,000,000)'}`,
      met: full ? h.latency.p99 <= 5 : null,
    });
  }
  return checks;
}
