export interface LedgerTally {
  /** Messages whose send was answered with the stored message. */
  sent: number;
  /** Sent messages × the room's followers: what had to arrive. */
  expected: number;
  /** (message, follower) pairs that arrived at least once. */
  delivered: number;
  /** Pairs that never arrived, and messages missing at one follower or more. */
  lost: number;
  lostMessages: number;
  /** Pairs that arrived more than once, and the surplus copies. */
  repeated: number;
  extraCopies: number;
  /** Messages that arrived although no send returned them (a send that failed after storing). */
  unaccounted: number;
  /** Events whose id was not greater than the one before at the same follower (or not a number). */
  outOfOrder: number;
  /** A few of the lost and repeated pairs, to start looking from. */
  examples: string[];
}

const EXAMPLES = 10;

/**
 * One room's account of what was sent and what each follower received. A message gets a slot
 * the first time it is seen, from its send's answer or from an event, whichever comes first
 * (the event often does); each follower counts its copies per slot.
 */
export class RoomLedger {
  private readonly slots = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly sentSlots: boolean[] = [];
  private readonly copies: number[][];
  private readonly lastEventIds: number[];
  private outOfOrder = 0;

  constructor(
    readonly roomId: string,
    readonly followers: number,
  ) {
    this.copies = Array.from({ length: followers }, () => []);
    this.lastEventIds = new Array<number>(followers).fill(0);
  }

  sent(messageId: string): void {
    this.sentSlots[this.slotOf(messageId)] = true;
  }

  received(follower: number, eventId: string, messageId: string): void {
    const copies = this.copies[follower] as number[];
    const slot = this.slotOf(messageId);
    copies[slot] = (copies[slot] ?? 0) + 1;
    const id = Number(eventId);
    // Written so that an event without a numeric id counts too.
    if (!(id > (this.lastEventIds[follower] as number))) this.outOfOrder++;
    this.lastEventIds[follower] = id;
  }

  /** Pairs still on their way (or lost): what the drain waits for. */
  missing(): number {
    let missing = 0;
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.sentSlots[slot]) for (const copies of this.copies) if (!copies[slot]) missing++;
    }
    return missing;
  }

  tally(): LedgerTally {
    const t: LedgerTally = { sent: 0, expected: 0, delivered: 0, lost: 0, lostMessages: 0, repeated: 0, extraCopies: 0, unaccounted: 0, outOfOrder: this.outOfOrder, examples: [] };
    for (let slot = 0; slot < this.ids.length; slot++) {
      const counts = this.copies.map((copies) => copies[slot] ?? 0);
      if (!this.sentSlots[slot]) {
        t.unaccounted++;
        continue;
      }
      t.sent++;
      t.expected += counts.length;
      const lostAt = counts.flatMap((n, follower) => (n === 0 ? [follower] : []));
      t.lost += lostAt.length;
      t.lostMessages += lostAt.length > 0 ? 1 : 0;
      t.delivered += counts.length - lostAt.length;
      for (const [follower, n] of counts.entries()) {
        if (n > 1) {
          t.repeated++;
          t.extraCopies += n - 1;
        }
        if (n !== 1 && t.examples.length < EXAMPLES) t.examples.push(`room ${this.roomId}, message ${this.ids[slot]}: ${n} copies at follower ${follower}`);
      }
    }
    return t;
  }

  private slotOf(messageId: string): number {
    let slot = this.slots.get(messageId);
    if (slot === undefined) {
      slot = this.ids.push(messageId) - 1;
      this.slots.set(messageId, slot);
    }
    return slot;
  }
}

/** The rooms' tallies added up. */
export function sumTallies(tallies: LedgerTally[]): LedgerTally {
  const sum: LedgerTally = { sent: 0, expected: 0, delivered: 0, lost: 0, lostMessages: 0, repeated: 0, extraCopies: 0, unaccounted: 0, outOfOrder: 0, examples: [] };
  for (const t of tallies) {
    for (const key of ['sent', 'expected', 'delivered', 'lost', 'lostMessages', 'repeated', 'extraCopies', 'unaccounted', 'outOfOrder'] as const) sum[key] += t[key];
    sum.examples.push(...t.examples);
  }
  sum.examples = sum.examples.slice(0, EXAMPLES);
  return sum;
}
