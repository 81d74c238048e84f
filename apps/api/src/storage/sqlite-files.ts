import { and, inArray, not, sql } from 'drizzle-orm';
import { files, sqliteSchema, type SqliteDb } from '@chat/db';
import { isSomeonesPicture } from './profile-rows.ts';

/**
 * Deletes those of these files that no message has and that are nobody's picture; returns the
 * blobs no file uses any more. Runs inside the caller's transaction.
 */
export function dropUnattachedFiles(db: SqliteDb, fileIds: number[]): string[] {
  if (fileIds.length === 0) return [];
  const gone = db
    .delete(files)
    .where(and(inArray(files.id, fileIds), sql`NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = ${files.id})`, not(isSomeonesPicture(sqliteSchema))))
    .returning({ sha256: files.sha256 })
    .all();
  const hashes = [...new Set(gone.map((f) => f.sha256))];
  if (hashes.length === 0) return [];
  const stillUsed = new Set(db.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, hashes)).all().map((r) => r.sha256));
  return hashes.filter((h) => !stillUsed.has(h));
}
