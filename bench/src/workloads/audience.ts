import type { Driver, Sender, Subscription } from '../clients/driver.ts';
import { newRunId } from '../load/body.ts';
import { capacityFor, openLoop, type Stream } from '../load/open-loop.ts';
import { DeliveryTracker, type DeliveryStats } from '../load/tracker.ts';
import { cpuMicros } from '../proc/proc-stats.ts';
import { inBatches, now, waitUntil } from '../util/time.ts';

export interface Shape {
  rooms: number;
  members: number;
  sendersPerRoom: number;
}

export interface LoadResult extends DeliveryStats {
  offeredDeliveriesPerSec: number;
  achievedDeliveriesPerSec: number;
  /** Server CPU time (user + system, all threads) over the run divided by deliveries. */
  cpuUsPerDelivery: number;
  serverCpuPercent: number;
  /** The harness's own CPU: near 100 % means the client, not the target, was the limit. */
  clientCpuPercent: number;
  sendErrors: number;
}

/** Rooms full of subscribed connections plus their senders, kept open across runs (ladder steps). */
export class Audience {
  private constructor(
    private readonly shape: Shape,
    private readonly subs: Subscription[],
    private readonly senders: { sender: Sender; room: number }[],
    private readonly roomOfSub: number[],
    /** Per connection, where its frames go in the current run. */
    private readonly handlers: ((frame: string) => void)[],
  ) {}

  static async connect(driver: Driver, shape: Shape, prefix: string): Promise<Audience> {
    const roomIds = await driver.createRooms(prefix, shape.rooms);
    const slots = roomIds.flatMap((_, room) => Array.from({ length: shape.members }, () => room));
    const handlers: ((frame: string) => void)[] = [];
    const subs = await inBatches(slots, 50, (room, conn) =>
      driver.subscribe(roomIds[room] as string, conn, (frame) => handlers[conn]?.(frame)),
    );
    const senderSlots = roomIds.flatMap((_, room) => Array.from({ length: shape.sendersPerRoom }, () => room));
    const senders = await inBatches(senderSlots, 20, async (room, i) => ({
      sender: await driver.sender(roomIds[room] as string, slots.length + i),
      room,
    }));
    return new Audience(shape, subs, senders, slots, handlers);
  }

  /** One open-loop run at `deliveriesPerSec` offered deliveries (messages/s × members). */
  async run(pid: number, deliveriesPerSec: number, opts: { durationMs: number; warmupMs: number; drainMs: number }): Promise<LoadResult> {
    const { members } = this.shape;
    const perSender = deliveriesPerSec / members / this.senders.length;
    const streams: Stream[] = this.senders.map(({ sender, room }) => ({ sender, room, perSecond: perSender }));
    const tracker = new DeliveryTracker(newRunId(), capacityFor(streams, opts.durationMs + opts.warmupMs + 100));
    this.roomOfSub.forEach((room, conn) => (this.handlers[conn] = tracker.receiver(room)));
    const errorsBefore = this.sendErrors();
    const cpu0 = cpuMicros(pid);
    const client0 = process.cpuUsage();
    const t0 = now();
    await openLoop(streams, tracker, opts);
    await waitUntil(() => tracker.complete(), opts.drainMs, 10);
    const wallMs = now() - t0;
    const serverCpu = cpuMicros(pid) - cpu0;
    const client = process.cpuUsage(client0);
    const stats = tracker.stats();
    tracker.dispose();
    return {
      ...stats,
      offeredDeliveriesPerSec: deliveriesPerSec,
      achievedDeliveriesPerSec: Math.round((stats.delivered / wallMs) * 1000),
      cpuUsPerDelivery: stats.delivered > 0 ? serverCpu / stats.delivered : Number.NaN,
      serverCpuPercent: Math.round((serverCpu / 1000 / wallMs) * 100),
      clientCpuPercent: Math.round(((client.user + client.system) / 1000 / wallMs) * 100),
      sendErrors: this.sendErrors() - errorsBefore,
    };
  }

  private sendErrors(): number {
    return this.senders.reduce((n, s) => n + s.sender.errors, 0);
  }

  close(): void {
    for (const sub of this.subs) sub.close();
    for (const { sender } of this.senders) sender.close();
  }
}
