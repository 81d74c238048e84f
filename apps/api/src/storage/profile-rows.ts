import { sql, type SQL } from 'drizzle-orm';
import type { EitherSchema } from '@chat/db';
import { DomainError } from './errors.ts';
import { toUser } from './rows.ts';
import type { ProfileRecord } from './store.ts';

// What both stores share of profiles: the row they read and the rules a picture must meet.

/** Whether some account has this file as its picture; `files` is the outer query's row. */
export const isSomeonesPicture = ({ files }: EitherSchema): SQL => sql`EXISTS (SELECT 1 FROM users u WHERE u.avatar_file_id = ${files.id})`;

/** A user joined to their picture's file, as both stores read it. */
export interface ProfileRow {
  id: number;
  username: string;
  displayName: string;
  status: string;
  createdAt: number;
  deactivatedAt: number | null;
  avatarFileId: number | null;
  avatarSha256: string | null;
}

/** The profiles in the order their ids were asked for, each once; ids with no row are left out. */
export function inAskedOrder(rows: ProfileRow[], userIds: string[]): ProfileRecord[] {
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  const found: ProfileRecord[] = [];
  for (const id of new Set(userIds)) {
    const row = byId.get(id);
    if (row) found.push(toProfileRecord(row));
  }
  return found;
}

const toProfileRecord = (row: ProfileRow): ProfileRecord => ({
  user: toUser(row),
  status: row.status,
  avatar: row.avatarFileId === null || row.avatarSha256 === null ? null : { fileId: String(row.avatarFileId), sha256: row.avatarSha256 },
  createdAt: row.createdAt,
  deactivated: row.deactivatedAt !== null,
});

/** What setAvatar knows of the file it is given: nothing when there is no such file. */
export interface AvatarCandidate {
  uploaderId: number;
  width: number | null;
  attached: boolean;
}

/**
 * Someone else's upload is as unknown as one that never was. A file sent in a message is
 * refused: deleting that message must delete the file (README, "Deleted means deleted"), which
 * a picture would outlive; the same bytes uploaded again cost no disk.
 */
export function checkAvatarCandidate(file: AvatarCandidate | undefined, userId: number): void {
  if (!file || file.uploaderId !== userId) throw new DomainError('NOT_FOUND', 'fileId: no upload of yours has this id');
  if (file.width === null) throw new DomainError('BAD_REQUEST', 'fileId: must be a PNG, JPEG, GIF, WebP or AVIF picture');
  if (file.attached) throw new DomainError('BAD_REQUEST', 'fileId: a file sent in a message cannot be a picture; upload it again');
}

export const userNotFound = () => new DomainError('NOT_FOUND', 'user not found');
