import type Database from 'better-sqlite3';

/** Rows per transaction: large enough that a batch costs ~5 µs a message, small enough to stay a few ms. */
const BATCH_ROWS = 1_000;
/** How long new messages wait to be indexed: under load a batch then holds a fraction of a second's sends. */
const DELAY_MS = 200;

/** Where background indexing reports trouble: the server logs it. */
export interface IndexingReports {
  /** The first batch of a run of failed ones: every batch is retried until one succeeds. */
  onIndexingFailed?(error: unknown): void;
  /** A batch succeeded after `failedAttempts` failed ones. */
  onIndexingRecovered?(failedAttempts: number): void;
}

/**
 * The trigram index of message bodies, filled in batches after the sends that stored the
 * messages have committed. Inside the send's own transaction, indexing cost as much as the rest
 * of the commit (six more pages written per message) and its segment merges stalled sends
 * for tens of milliseconds; in batches a message costs a few microseconds and the merges are
 * rare. `search_index_progress.indexed_up_to` is the highest message id indexed (migration
 * 0003): every message up to it is in the index, none above it is. A search first indexes
 * whatever is pending, so it sees every message stored before it.
 */
export class SqliteSearchIndex {
  private timer: NodeJS.Timeout | null = null;
  /** Background batches failed in a row. */
  private failures = 0;
  /** Whether messages may be waiting; unknown (so true) until the first batch after opening. */
  private pending = true;
  private readonly indexBatch: () => number;

  constructor(
    db: Database.Database,
    private readonly reports: IndexingReports = {},
  ) {
    const progress = db.prepare<[], { upTo: number }>('SELECT indexed_up_to AS upTo FROM search_index_progress WHERE id = 1');
    const nextBatch = db.prepare<[after: number, limit: number], { last: number | null; rows: number }>(
      'SELECT max(id) AS last, count(*) AS rows FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)',
    );
    const index = db.prepare<[after: number, upTo: number]>(
      'INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages WHERE id > ? AND id <= ?',
    );
    const advance = db.prepare<[upTo: number]>('UPDATE search_index_progress SET indexed_up_to = ? WHERE id = 1');
    // IMMEDIATE: the progress row is read under the write lock, so a batch is never indexed twice.
    const indexBatch = db.transaction((): number => {
      const after = progress.get()?.upTo ?? 0;
      const { last, rows } = nextBatch.get(after, BATCH_ROWS) ?? { last: null, rows: 0 };
      if (last === null) return 0;
      index.run(after, last);
      advance.run(last);
      return rows;
    });
    this.indexBatch = () => indexBatch.immediate();
    this.schedule();
  }

  /** Called for every stored message: indexes it (and whatever else is new) a little later. */
  schedule(delayMs = DELAY_MS): void {
    this.pending = true;
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  /** Indexes everything pending now (a search would otherwise take the write lock for nothing). */
  catchUp(): void {
    this.cancel();
    while (this.pending && this.batch() === BATCH_ROWS);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One batch; a batch that is not full has indexed everything stored so far. */
  private batch(): number {
    const rows = this.indexBatch();
    if (rows < BATCH_ROWS) this.pending = false;
    return rows;
  }

  private run(): void {
    this.timer = null;
    let indexed: number;
    try {
      indexed = this.batch();
    } catch (error) {
      // Retried later; a search meanwhile indexes for itself and reports the error to its caller.
      // Reported once per run of failures: a retry every 200 ms would flood the log.
      if (this.failures++ === 0) this.reports.onIndexingFailed?.(error);
      this.schedule();
      return;
    }
    if (this.failures > 0) this.reports.onIndexingRecovered?.(this.failures);
    this.failures = 0;
    // A full batch means more is waiting: go on after the I/O that queued up meanwhile.
    if (indexed === BATCH_ROWS) this.schedule(0);
  }
}
