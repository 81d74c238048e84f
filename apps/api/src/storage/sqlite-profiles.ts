import { and, eq, inArray, sql } from 'drizzle-orm';
import { files, sqliteSchema, users, type SqliteConnection } from '@chat/db';
import { checkAvatarCandidate, inAskedOrder, isSomeonesPicture, userNotFound } from './profile-rows.ts';
import { num, toFileRecord } from './rows.ts';
import type { FileRecord, ProfileRecord } from './store.ts';

const profileColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  status: users.status,
  createdAt: users.createdAt,
  deactivatedAt: users.deactivatedAt,
  avatarFileId: users.avatarFileId,
  avatarSha256: files.sha256,
};


/** The SQLite store's profiles: status lines and pictures (the ChatStore methods of the same names). */
export class SqliteProfiles {
  constructor(private readonly conn: SqliteConnection) {}

  private get db() {
    return this.conn.db;
  }

  profiles(userIds: string[]): ProfileRecord[] {
    const rows = this.db
      .select(profileColumns)
      .from(users)
      .leftJoin(files, eq(files.id, users.avatarFileId))
      .where(inArray(users.id, userIds.map(num)))
      .all();
    return inAskedOrder(rows, userIds);
  }

  setStatus(userId: string, status: string): void {
    const changed = this.db.update(users).set({ status }).where(eq(users.id, num(userId))).returning({ id: users.id }).get();
    if (!changed) throw userNotFound();
  }

  setAvatar(userId: string, fileId: string | null): void {
    const id = num(userId);
    // One transaction with the check: the file cannot be collected or attached in between.
    this.db.transaction(() => {
      if (fileId !== null) {
        const file = this.db
          .select({
            uploaderId: files.uploaderId,
            width: files.width,
            attached: sql<number>`EXISTS (SELECT 1 FROM message_attachments a WHERE a.file_id = ${files.id})`.mapWith(Boolean),
          })
          .from(files)
          .where(eq(files.id, num(fileId)))
          .get();
        checkAvatarCandidate(file, id);
      }
      const changed = this.db
        .update(users)
        .set({ avatarFileId: fileId === null ? null : num(fileId) })
        .where(eq(users.id, id))
        .returning({ id: users.id })
        .get();
      if (!changed) throw userNotFound();
    });
  }

  avatarFile(fileId: string): FileRecord | null {
    const row = this.db
      .select()
      .from(files)
      .where(and(eq(files.id, num(fileId)), isSomeonesPicture(sqliteSchema)))
      .get();
    return row ? toFileRecord(row) : null;
  }
}
