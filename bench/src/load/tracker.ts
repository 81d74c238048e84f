import { readIndex } from './body.ts';
import { latencyHistogram, summarize, type LatencySummary } from './latency.ts';
import { now } from '../util/time.ts';

export interface DeliveryStats {
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  latency: LatencySummary;
}

/**
 * Who must receive what: every message sent to a room must reach each receiver of that room
 * exactly once. Latency is measured from the message's *scheduled* send time (open loop).
 */
export class DeliveryTracker {
  private readonly roomOf: Int32Array;
  private readonly scheduledAt: Float64Array;
  private readonly measured: Uint8Array;
  private readonly seen: Uint8Array[] = [];
  private readonly receiversPerRoom: number[] = [];
  private readonly histogram = latencyHistogram();
  private sentCount = 0;
  private expectedCount = 0;
  private deliveredCount = 0;
  private duplicateCount = 0;

  constructor(
    readonly run: string,
    private readonly capacity: number,
  ) {
    this.roomOf = new Int32Array(capacity);
    this.scheduledAt = new Float64Array(capacity);
    this.measured = new Uint8Array(capacity);
  }

  /** A receiver in room `room`: feed it every event frame its connection gets. */
  receiver(room: number): (frame: string) => void {
    const seen = new Uint8Array(this.capacity);
    this.seen.push(seen);
    this.receiversPerRoom[room] = (this.receiversPerRoom[room] ?? 0) + 1;
    return (frame) => {
      const index = readIndex(frame, this.run);
      if (index < 0 || index >= this.sentCount || this.roomOf[index] !== room) return;
      if (seen[index]) return void this.duplicateCount++;
      seen[index] = 1;
      this.deliveredCount++;
      if (this.measured[index]) this.histogram.recordValue(Math.max(1, Math.round((now() - (this.scheduledAt[index] ?? 0)) * 1000)));
    };
  }

  /** Registers the next message; answers its index (put it in the body). */
  sent(room: number, scheduledAt: number, measured: boolean): number {
    const index = this.sentCount;
    if (index >= this.capacity) throw new Error('tracker capacity exceeded');
    this.roomOf[index] = room;
    this.scheduledAt[index] = scheduledAt;
    this.measured[index] = measured ? 1 : 0;
    this.expectedCount += this.receiversPerRoom[room] ?? 0;
    this.sentCount++;
    return index;
  }

  get delivered(): number {
    return this.deliveredCount;
  }

  complete(): boolean {
    return this.deliveredCount >= this.expectedCount;
  }

  stats(): DeliveryStats {
    return {
      sent: this.sentCount,
      expected: this.expectedCount,
      delivered: this.deliveredCount,
      lost: this.expectedCount - this.deliveredCount,
      duplicates: this.duplicateCount,
      latency: summarize(this.histogram),
    };
  }

  dispose(): void {
    this.histogram.destroy();
  }
}
