import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';

const DATABASE = 'chat.db';
const FILES = 'files';
const MANIFEST = 'backup.json';
const FORMAT = 'chat-backup';
const VERSION = 1;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  messages: number;
}

export interface BackupSummary {
  file: string;
  messages: number;
  files: number;
}

const countMessages = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
const countFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.parentPath.includes(`${FILES}/tmp`)).length : 0;

/**
 * A consistent copy of a running server's data into one .tar.gz: the database through SQLite's
 * online backup API (a snapshot of one moment, taken page by page while the server goes on
 * writing), then the stored files. Files are listed after the snapshot, so every file the
 * snapshot refers to is there (their bytes never change once stored); uploads still in `tmp/`
 * are left out.
 */
export async function backup(dataDir: string, file: string): Promise<BackupSummary> {
  const source = join(dataDir, DATABASE);
  if (!existsSync(source)) throw new Error(`no database at ${source}: is DATA_DIR right?`);
  const staging = mkdtempSync(join(tmpdir(), 'chat-backup-'));
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      await db.backup(join(staging, DATABASE));
    } finally {
      db.close();
    }
    const snapshot = new Database(join(staging, DATABASE), { readonly: true });
    const messages = countMessages(snapshot);
    snapshot.close();
    const manifest: Manifest = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), messages };
    writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    const files = join(dataDir, FILES);
    const entries = [MANIFEST, DATABASE];
    if (existsSync(files)) {
      // Archived from the data directory itself, through a link, so nothing is copied twice.
      symlinkSync(files, join(staging, FILES), 'dir');
      entries.push(FILES);
    }
    await tar.create(
      { file, gzip: true, cwd: staging, follow: true, portable: true, filter: (path) => !path.startsWith(`${FILES}/tmp/`) },
      entries,
    );
    return { file, messages, files: countFiles(files) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface RestoreSummary {
  dataDir: string;
  createdAt: string;
  messages: number;
  files: number;
}

/**
 * Unpacks a backup into an empty (or new) data directory and checks the database before saying
 * so. Never over existing data: a restore that meets files stops before writing anything.
 */
export async function restore(file: string, dataDir: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty: restore into an empty DATA_DIR`);
  mkdirSync(dataDir, { recursive: true });
  try {
    // tar refuses absolute paths and `..` by default, so an archive cannot write outside dataDir.
    await tar.extract({ file, cwd: dataDir, strict: true });
    const manifest = JSON.parse(readFileSync(join(dataDir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (manifest.format !== FORMAT || manifest.version !== VERSION) throw new Error(`${file} is not a backup this version can restore`);
    rmSync(join(dataDir, MANIFEST));
    const db = new Database(join(dataDir, DATABASE), { fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the restored database is damaged: ${String(check)}`);
      return { dataDir, createdAt: manifest.createdAt ?? '', messages: countMessages(db), files: countFiles(join(dataDir, FILES)) };
    } finally {
      db.close();
    }
  } catch (err) {
    // Half a restore is worse than none: leave the directory as it was found.
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    throw err;
  }
}
