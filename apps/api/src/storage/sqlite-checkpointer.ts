import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

interface Timing {
  /** How often the worker checkpoints, and this connection looks for writes. */
  everyMs: number;
  /** Rows written in one tick that start the worker; fewer are checkpointed on this thread. */
  startRows: number;
  /** With no write for this long, the worker ends. */
  idleMs: number;
}

// A message is three or four rows: the worker starts from about 30 messages a second.
const TIMING: Timing = { everyMs: 1_000, startRows: 100, idleMs: 60_000 };

// A separate connection on its own thread; it only copies the WAL back into the database file.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * SQLite in WAL mode copies the log back into the database file every 1000 pages, inside
 * whichever commit crosses the mark, with an fsync: on the event loop that is a stall of tens
 * of milliseconds every few hundred messages, and nearly half the CPU of a send. Here a worker
 * thread checkpoints instead, on its own connection, while sends keep appending to the log.
 * If the worker cannot run, the connection checkpoints by itself again.
 *
 * A worker is a whole JavaScript environment, about 11 MiB, so it runs only while the database
 * is busy: each tick, this connection's change count (one cheap read) says how many rows were
 * written since the last tick. `startRows` or more start the worker, which ends once
 * `idleMs` pass without a write. Fewer (a quiet server: a few messages a second, start-up's
 * default rooms) are checkpointed here, a few pages in 1–3 ms, so that what was written is in
 * the database file within a tick either way, as before (what a power cut can take: README).
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** The change count at the last tick. */
  private counted: number;
  private lastWriteAt = 0;
  private failed = false;
  private readonly changeCount: Database.Statement<[], number>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly timing: Timing = TIMING,
  ) {
    // What an earlier run left in the log, and what the migrations wrote, before anyone is answered.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    this.changeCount = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.counted = this.changeCount.get() ?? 0;
    this.timer = setInterval(() => this.tick(), timing.everyMs).unref();
  }

  /** Whether a worker thread is checkpointing now. */
  get running(): boolean {
    return this.worker !== null;
  }

  private tick(): void {
    if (this.failed || !this.db.open) return;
    const now = Date.now();
    const changes = this.changeCount.get() ?? 0;
    const written = changes - this.counted;
    this.counted = changes;
    if (written > 0) this.lastWriteAt = now;
    if (this.worker) {
      if (now - this.lastWriteAt >= this.timing.idleMs) void this.stopWorker();
    } else if (written >= this.timing.startRows) {
      this.startWorker();
    } else if (written > 0) {
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Tried again with the next write; until then the log holds it, and every reader sees it there.
      }
    }
  }

  private startWorker(): void {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file: this.file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: this.timing.everyMs },
    });
    worker.unref();
    worker.once('error', () => {
      this.failed = true;
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    });
    this.worker = worker;
    this.exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  }

  /** Ends the worker after one last checkpoint. */
  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return this.exited;
    this.worker = null;
    // Held while it finishes, or the process could end with this promise unsettled.
    worker.ref();
    worker.postMessage('stop');
    await this.exited;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.stopWorker();
  }
}
