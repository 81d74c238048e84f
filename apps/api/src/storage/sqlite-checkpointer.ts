import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const EVERY_MS = 1_000;

// A separate connection on its own thread; it only copies the WAL back into the database file.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * SQLite in WAL mode copies the log back into the database file every 1000 pages, inside
 * whichever commit crosses the mark, with an fsync: on the event loop that is a stall of tens
 * of milliseconds every few hundred messages, and nearly half the CPU of a send. Here a worker
 * thread checkpoints instead, on its own connection, while sends keep appending to the log.
 * If the worker cannot run, the connection checkpoints by itself again.
 */
export function checkpointInBackground(db: Database.Database, file: string): () => Promise<void> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: EVERY_MS },
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  const fallBack = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.once('error', fallBack);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return async () => {
    // Held while it finishes, or the process could end with this promise unsettled.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  };
}
