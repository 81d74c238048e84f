import { TRPCError } from '@trpc/server';

type Id = string | number;

/** What a running subscription needs to be stopped from outside. */
export interface Running {
  stop(): void;
}

export interface Slot {
  key: string;
  /** Null while its procedure is still deciding (checking access, reading the room). */
  running: Running | null;
}

/**
 * One connection's subscriptions, counted from the moment they are asked for: at most `max`,
 * and at most one per key (a procedure and its room), since that is all a client needs and each
 * one costs a frame per event. A stop that arrives while the procedure is still running is kept
 * by removing the slot, so the subscription it returns is stopped instead of started.
 *
 * Keys are found by walking the slots rather than kept in a set of their own: an idle
 * subscriber's connection is most of what the server holds per person (the benchmark measures it),
 * and a connection has few subscriptions, at most a few hundred.
 */
export class SubscriptionSlots {
  private readonly slots = new Map<Id, Slot>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `id`, or throws the error to answer it with. */
  reserve(id: Id, key: string, path: string): Slot {
    if (this.slots.has(id)) throw new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` });
    if (this.holds(key)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `${path}: this connection already follows that (one subscription per procedure and room)` });
    }
    if (this.slots.size >= this.max) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `at most ${this.max} subscriptions per connection` });
    }
    const slot: Slot = { key, running: null };
    this.slots.set(id, slot);
    return slot;
  }

  /** Its procedure returned `running`: false if the slot was given up meanwhile (then stop it). */
  started(id: Id, slot: Slot, running: Running): boolean {
    if (this.slots.get(id) !== slot) return false;
    slot.running = running;
    return true;
  }

  /** The procedure failed: the slot goes, unless it was given up (and maybe taken again) meanwhile. */
  failed(id: Id, slot: Slot): void {
    if (this.slots.get(id) === slot) this.release(id);
  }

  /**
   * Gives up the slot (only if `running` is in it, when given); returns what was running in it,
   * null if its procedure had not returned yet, undefined if there was no such slot.
   */
  release(id: Id, running?: Running): Running | null | undefined {
    const slot = this.slots.get(id);
    if (!slot || (running && slot.running !== running)) return undefined;
    this.slots.delete(id);
    return slot.running;
  }

  stopAll(): void {
    for (const slot of this.slots.values()) slot.running?.stop();
    this.slots.clear();
  }

  private holds(key: string): boolean {
    for (const slot of this.slots.values()) if (slot.key === key) return true;
    return false;
  }
}
