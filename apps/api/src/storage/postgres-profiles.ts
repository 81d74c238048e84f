import { and, eq, sql } from 'drizzle-orm';
import { pgSchema, type PgDb } from '@chat/db/postgres';
import { checkAvatarCandidate, inAskedOrder, isSomeonesPicture, userNotFound } from './profile-rows.ts';
import { anyOf } from './postgres-queries.ts';
import { num, toFileRecord } from './rows.ts';
import type { FileRecord, ProfileRecord } from './store.ts';

// Profiles on PostgreSQL: status lines and pictures (the ChatStore methods of the same names).

const { files, users } = pgSchema;


export async function profiles(db: PgDb, userIds: string[]): Promise<ProfileRecord[]> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      status: users.status,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      avatarFileId: users.avatarFileId,
      avatarSha256: files.sha256,
    })
    .from(users)
    .leftJoin(files, eq(files.id, users.avatarFileId))
    .where(anyOf(users.id, userIds.map(num)));
  return inAskedOrder(rows, userIds);
}

export async function setStatus(db: PgDb, userId: string, status: string): Promise<void> {
  const changed = await db.update(users).set({ status }).where(eq(users.id, num(userId))).returning({ id: users.id });
  if (changed.length === 0) throw userNotFound();
}

export async function setAvatar(db: PgDb, userId: string, fileId: string | null): Promise<void> {
  const id = num(userId);
  await db.transaction(async (tx) => {
    if (fileId !== null) {
      // Locked until commit: the unattached-file sweep (which locks its files first) either
      // deleted it already, or waits and then sees that it is a picture.
      const [file] = await tx
        .select({
          uploaderId: files.uploaderId,
          width: files.width,
          attached: sql<boolean>`EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = ${files.id})`,
        })
        .from(files)
        .where(eq(files.id, num(fileId)))
        .for('share');
      checkAvatarCandidate(file, id);
    }
    const changed = await tx
      .update(users)
      .set({ avatarFileId: fileId === null ? null : num(fileId) })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (changed.length === 0) throw userNotFound();
  });
}

export async function avatarFile(db: PgDb, fileId: string): Promise<FileRecord | null> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, num(fileId)), isSomeonesPicture(pgSchema)));
  return row ? toFileRecord(row) : null;
}
