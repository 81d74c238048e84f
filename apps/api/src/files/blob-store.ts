import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Uploaded bytes on disk, addressed by their SHA-256 so the same content is stored once.
 * Uploads are written to `tmp/` first and moved into place only when complete, so a failed
 * or rejected upload never leaves a partial file where downloads look.
 */
export class BlobStore {
  constructor(private readonly dir: string) {
    // Whatever is in tmp/ was cut off by a crash or restart mid-upload.
    rmSync(join(dir, 'tmp'), { recursive: true, force: true });
    for (const sub of ['tmp', 'thumbs']) mkdirSync(join(dir, sub), { recursive: true });
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

  async has(sha256: string): Promise<boolean> {
    return access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Moves a finished temp file into place (or drops it if those bytes are already stored). */
  async commit(tempPath: string, sha256: string): Promise<void> {
    if (await this.has(sha256)) {
      await rm(tempPath, { force: true });
      return;
    }
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    await rename(tempPath, this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
    await rm(this.thumbnailPathOf(sha256), { force: true });
  }
}
