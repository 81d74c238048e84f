import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The sides, in pixels, of the squares a user's picture is shown as. */
export const AVATAR_SIZES = [64, 256] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];

/**
 * Uploaded bytes on disk, addressed by their SHA-256 so the same content is stored once.
 * Uploads are written to `tmp/` first and moved into place only when complete, so a failed
 * or rejected upload never leaves a partial file where downloads look.
 */
export class BlobStore {
  constructor(readonly dir: string) {
    for (const sub of ['tmp', 'thumbs']) mkdirSync(join(dir, sub), { recursive: true });
    removeStaleTempFiles(join(dir, 'tmp'));
  }

  tempPath(): string {
    return join(this.dir, 'tmp', randomBytes(12).toString('hex'));
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  thumbnailPathOf(sha256: string): string {
    return join(this.dir, 'thumbs', `${sha256}.webp`);
  }

  /** A square of a user's picture (files/avatars.ts), beside the thumbnail and removed with it. */
  avatarPathOf(sha256: string, size: AvatarSize): string {
    return join(this.dir, 'thumbs', `${sha256}.avatar-${size}.webp`);
  }

  /**
   * Moves an upload's finished temp files into place: its bytes and, for an image, its
   * thumbnail. Whatever is already in place (the same bytes uploaded before) stays, and the
   * new copy is dropped. Uploads call this after their file row exists (see `removeUnless`).
   */
  async commit(sha256: string, bytesPath: string, thumbnailPath: string | null): Promise<void> {
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    await place(bytesPath, this.pathOf(sha256));
    if (thumbnailPath) await place(thumbnailPath, this.thumbnailPathOf(sha256));
  }

  /**
   * Deletes the bytes, thumbnail and picture squares of `sha256` unless `stillUsed()` says an upload holds them.
   * They are moved aside before the question is asked, so an identical upload racing the
   * collector is safe on any server process: one whose row exists by the answer gets them moved
   * back, one whose row comes later finds them gone and commits its own copy.
   */
  async removeUnless(sha256: string, stillUsed: () => Promise<boolean>): Promise<void> {
    const targets = [this.pathOf(sha256), this.thumbnailPathOf(sha256), ...AVATAR_SIZES.map((size) => this.avatarPathOf(sha256, size))];
    const aside: [string, string][] = [];
    for (const target of targets) {
      const temp = this.tempPath();
      if (await rename(target, temp).then(() => true, ignoreMissing)) aside.push([temp, target]);
    }
    const keep = await stillUsed().catch(async (err: unknown) => {
      await Promise.all(aside.map(([temp, target]) => place(temp, target)));
      throw err;
    });
    await Promise.all(aside.map(([temp, target]) => (keep ? place(temp, target) : rm(temp, { force: true }))));
  }
}

/** Moves a finished file to `target`, unless an identical one is there already. */
export async function place(temp: string, target: string): Promise<void> {
  const present = await access(target).then(
    () => true,
    () => false,
  );
  if (present) await rm(temp, { force: true });
  else await rename(temp, target);
}

function ignoreMissing(err: NodeJS.ErrnoException): false {
  if (err.code === 'ENOENT') return false;
  throw err;
}

/** A temp file untouched this long was cut off by a crash or a restart mid-upload. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Only stale ones: several server processes share this directory, and another one's uploads
 * in progress (written to all the time) and bytes its collector has set aside are in it too.
 */
function removeStaleTempFiles(tmp: string): void {
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of readdirSync(tmp)) {
    const path = join(tmp, name);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (modified !== undefined && modified < cutoff) rmSync(path, { recursive: true, force: true });
  }
}
