import { and, inArray, not, sql } from 'drizzle-orm';
import { pgSchema } from '@chat/db/postgres';
import { isSomeonesPicture } from './profile-rows.ts';
import type { Q } from './postgres-queries.ts';

const { files } = pgSchema;

/**
 * Deletes those of these files that no message has and that are nobody's picture, in the
 * caller's transaction; returns the blobs no file uses any more, for the caller to delete once
 * it has committed. setAvatar locks the file before naming it, as the sweep does before this.
 */
export async function dropUnattachedFiles(tx: Q, fileIds: number[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const gone = await tx
    .delete(files)
    .where(
      and(
        inArray(files.id, fileIds),
        // Attached meanwhile by a send that committed first: keep it.
        sql`NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = ${files.id})`,
        not(isSomeonesPicture(pgSchema)),
      ),
    )
    .returning({ sha256: files.sha256 });
  const hashes = [...new Set(gone.map((f) => f.sha256))];
  if (hashes.length === 0) return [];
  const stillUsed = new Set((await tx.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, hashes))).map((r) => r.sha256));
  return hashes.filter((h) => !stillUsed.has(h));
}
