export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Sends to PostgreSQL go one batch at a time: while a batch is on its way, the sends made
 * meanwhile wait and then go together, as one statement and one commit. Under a light load a
 * batch is one send and goes out at once (in the turn it was made); the busier the database,
 * the larger the batches, so a busy room pays for one row lock and one WAL flush per batch
 * rather than per message. Unlike SQLite's group commit (group-commit.ts), the database does
 * the waiting here, so the batch is whatever queued during the previous one's round trip.
 *
 * `run` settles each input of a batch on its own. Inputs with the same `key` never share a
 * batch, so that a batch is the same as its sends made one after the other.
 */
export class SendBatches<I, O> {
  private pending: { input: I; key: string; settle: (result: Settled<O>) => void }[] = [];
  private busy = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<Settled<O>[]>,
    private readonly key: (input: I) => string,
    private readonly maxBatch: number,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      const settle = (result: Settled<O>) => (result.ok ? resolve(result.value) : reject(result.error));
      this.pending.push({ input, key: this.key(input), settle });
      if (!this.busy) {
        this.busy = true;
        // The other sends of this turn (one WebSocket frame may carry several) join the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch: typeof this.pending = [];
    const keys = new Set<string>();
    const later: typeof this.pending = [];
    for (const entry of this.pending) {
      if (batch.length < this.maxBatch && !keys.has(entry.key)) {
        keys.add(entry.key);
        batch.push(entry);
      } else {
        later.push(entry);
      }
    }
    this.pending = later;
    let results: Settled<O>[];
    try {
      results = await this.run(batch.map((entry) => entry.input));
    } catch (error) {
      results = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((entry, i) => entry.settle(results[i] ?? { ok: false, error: new Error('a batched send has no result') }));
    if (this.pending.length > 0) void this.flush();
    else this.busy = false;
  }
}
