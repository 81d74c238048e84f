type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Writes submitted within one turn of the event loop are committed together: SQLite then
 * pays for one commit per batch instead of one per write, which is most of the cost of a
 * small insert. Each write still succeeds or fails on its own:
 * `one` runs in a savepoint of the batch's transaction, so its failure undoes only its own
 * changes; a failed commit fails the whole batch. Writes run in submission order.
 */
export class GroupCommit<I, O> {
  private pending: { input: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    /** Runs `body` inside one transaction. */
    private readonly transaction: (body: () => void) => void,
    /** One write, undone by itself when it throws; a transaction of its own when run alone. */
    private readonly one: (input: I) => O,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ input, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const [only] = batch;
    // Alone in its turn, a write is a transaction of its own: no savepoint, one statement pair fewer.
    if (only && batch.length === 1) {
      try {
        only.resolve(this.one(only.input));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    const results: Settled<O>[] = [];
    try {
      this.transaction(() => {
        for (const { input } of batch) {
          try {
            results.push({ ok: true, value: this.one(input) });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const result = results[i] as Settled<O>;
      if (result.ok) resolve(result.value);
      else reject(result.error);
    });
  }
}
