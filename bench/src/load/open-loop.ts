import type { Sender } from '../clients/driver.ts';
import { now, sleep } from '../util/time.ts';
import { makeBody } from './body.ts';
import type { DeliveryTracker } from './tracker.ts';

export interface Stream {
  sender: Sender;
  room: number;
  perSecond: number;
}

/**
 * Sends on a fixed schedule whatever the server does: message i of a stream is due at
 * start + (i + phase) / rate. A late timer sends every overdue message at once, each keeping its
 * own due time as the origin of its latency, so a stalled server cannot hide its delay.
 */
export async function openLoop(streams: Stream[], tracker: DeliveryTracker, opts: { durationMs: number; warmupMs: number }): Promise<void> {
  const start = now() + 20;
  const end = start + opts.warmupMs + opts.durationMs;
  const next = streams.map(() => 0);
  const dueAt = (s: number, i: number) => {
    const stream = streams[s] as Stream;
    return start + ((i + s / streams.length) * 1000) / stream.perSecond;
  };
  while (now() < end) {
    const t = now();
    let soonest = end;
    for (let s = 0; s < streams.length; s++) {
      const stream = streams[s] as Stream;
      let due = dueAt(s, next[s] ?? 0);
      while (due <= t && due < end) {
        const index = tracker.sent(stream.room, due, due >= start + opts.warmupMs);
        stream.sender.send(makeBody(tracker.run, index), `${tracker.run}-${index}`);
        next[s] = (next[s] ?? 0) + 1;
        due = dueAt(s, next[s] ?? 0);
      }
      soonest = Math.min(soonest, due);
    }
    await sleep(Math.max(0, Math.min(soonest, end) - now()));
  }
}

/** Upper bound of messages a schedule sends (for the tracker's arrays). */
export const capacityFor = (streams: { perSecond: number }[], ms: number): number =>
  streams.reduce((n, s) => n + Math.ceil((s.perSecond * ms) / 1000) + 2, 0);
