import { access, rm } from 'node:fs/promises';
import { AVATAR_SIZES, place, type BlobStore } from './blob-store.ts';
import type { Thumbnailer } from './images.ts';

/** What making picture squares works with: a part of the server's App. */
export interface PictureServices {
  blobs: BlobStore;
  thumbnails: Thumbnailer;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Makes the squares a picture is shown as (64 and 256 px), unless they are there: when the
 * picture is set, and again on a download that finds them missing. Server processes share the
 * blob directory, so two may make the same squares at once: each writes its own temp files and
 * moves them into place, and the second copy is dropped. False when the image does not decode.
 */
export async function ensureAvatarImages(app: PictureServices, sha256: string): Promise<boolean> {
  const missing: { size: number; path: string; target: string }[] = [];
  for (const size of AVATAR_SIZES) {
    const target = app.blobs.avatarPathOf(sha256, size);
    if (!(await exists(target))) missing.push({ size, path: app.blobs.tempPath(), target });
  }
  if (missing.length === 0) return true;
  const made = await app.thumbnails.squares(app.blobs.pathOf(sha256), missing);
  for (const square of missing) {
    if (made) await place(square.path, square.target);
    else await rm(square.path, { force: true });
  }
  return made;
}
