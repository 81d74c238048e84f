import type { BenchResults, TargetResults } from '../results.ts';
import { fmt, ratio } from './format.ts';

export interface TargetCheck {
  goal: string;
  measured: string;
  /** null: this mode does not measure it. */
  met: boolean | null;
}

const last = <T>(xs: readonly T[] | null | undefined): T | undefined => xs?.[xs.length - 1];

/** The two parts of a CPU ratio, where the cost model ran: what a message costs, and each member. */
function costSplit(ours: TargetResults, ws: TargetResults): string {
  if (!ours.costModel || !ws.costModel) return '';
  const perMessage = ratio(ours.costModel.perMessageUs, ws.costModel.perMessageUs);
  const perDelivery = ratio(ours.costModel.perDeliveryUs, ws.costModel.perDeliveryUs);
  return ` (cost model: per message ×${fmt(perMessage)}, per further member ×${fmt(perDelivery)})`;
}

/** The issue's targets, each met or not, from one run. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const { ours, ws, socketio } = r.targets;
  const checks: TargetCheck[] = [];
  if (ours && ws) {
    for (const [label, key] of [['big room', 'bigRoom'], ['many rooms', 'manyRooms']] as const) {
      const cpu = ratio(ours[key].cpuUsPerDelivery, ws[key].cpuUsPerDelivery);
      checks.push({ goal: `server CPU per delivered message, ${label} ≤ 1.3× bare ws`, measured: `×${fmt(cpu)}${costSplit(ours, ws)}`, met: cpu <= 1.3 });
      const p99 = ratio(ours[key].latency.p99, ws[key].latency.p99);
      checks.push({ goal: `p99 at fixed load, ${label} ≤ 1.5× bare ws`, measured: `×${fmt(p99)}`, met: p99 <= 1.5 });
    }
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
        goal: `memory per idle connection (${oursIdle.connections}) ≤ 1.5× bare ws and below Socket.IO`,
        measured: `heap ×${fmt(heap)} (Socket.IO ×${fmt(ratio(sioIdle?.heapPerConnection, wsIdle.heapPerConnection))}); ${Number.isNaN(rss) ? "RSS: no ratio, bare ws's did not grow" : `RSS ×${fmt(rss)}`}`,
        met: heap <= 1.5 && belowSio,
      });
    }
    if (ours.ladder && ws.ladder) {
      const ceil = ratio(ours.ladder.ceiling, ws.ladder.ceiling);
      // Without a limit for bare ws its ceiling is only a lower bound, and the ratio says nothing.
      const goal = 'rate-ladder ceiling ≥ 0.8× bare ws';
      checks.push(
        ws.ladder.limitReached
          ? { goal, measured: `×${fmt(ceil)}${ours.ladder.limitReached ? '' : ' or more'}`, met: ceil >= 0.8 }
          : { goal, measured: 'not measured: bare ws reached no limit within the ladder', met: null },
      );
    }
  }
  if (r.storm) {
    const s = r.storm;
    checks.push({
      goal: `${s.clients} clients resume at once: all complete ≤ 2 s, nothing lost`,
      measured: `${fmt(s.catchUpMs)} ms, ${s.completed}/${s.clients} complete, lost ${s.lost}, dup ${s.duplicates}`,
      met: s.catchUpMs <= 2000 && s.lost === 0 && s.duplicates === 0 && s.completed === s.clients,
    });
  }
  if (r.history) {
    const h = r.history;
    const full = h.roomMessages >= 1_000_000;
    checks.push({
      goal: 'history page p99 ≤ 5 ms on a 1,000,000-message room',
      measured: `${fmt(h.latency.p99)} ms on ${h.roomMessages.toLocaleString('en-US')} messages${full ? '' : ' (quick mode: smaller room; --full measures 1,000,000)'}`,
      met: full ? h.latency.p99 <= 5 : null,
    });
  }
  return checks;
}
