import { statfs } from 'node:fs/promises';
import type { Limits } from '../config.ts';
import type { ChatStore } from '../storage/store.ts';

/** An upload refused for the room it would take: 429 (too many at once) or 507 (no space). */
export class UploadRefused extends Error {
  constructor(
    readonly status: 429 | 507,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type GateLimits = Pick<Limits, 'uploadMaxConcurrentPerUser' | 'uploadQuotaBytes' | 'uploadMinFreeDiskBytes'>;

/**
 * What an upload must pass so that one account cannot fill the server's disk: a few uploads at
 * once per user, a quota of bytes per user, and a floor of free disk space under the files
 * directory that uploads never take (the database needs room too). Checked before a byte is
 * read, with the size the client declares, and the quota again with the size received.
 */
export class UploadGate {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly store: ChatStore,
    private readonly dir: string,
    private readonly limits: GateLimits,
  ) {}

  /** Lets an upload of about `declaredBytes` begin; returns the function that ends it. */
  async enter(userId: string, declaredBytes: number): Promise<() => void> {
    const running = this.inFlight.get(userId) ?? 0;
    if (running >= this.limits.uploadMaxConcurrentPerUser) {
      throw new UploadRefused(429, `at most ${this.limits.uploadMaxConcurrentPerUser} uploads at once`);
    }
    this.inFlight.set(userId, running + 1);
    const leave = () => {
      const left = (this.inFlight.get(userId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(userId, left);
      else this.inFlight.delete(userId);
    };
    try {
      await this.checkQuota(userId, declaredBytes);
      await this.checkDisk(declaredBytes);
    } catch (err) {
      leave();
      throw err;
    }
    return leave;
  }

  /** The quota once more, with the size that actually arrived. */
  async checkQuota(userId: string, bytes: number): Promise<void> {
    const used = await this.store.uploadedBytes(userId);
    const quota = this.limits.uploadQuotaBytes;
    if (used + bytes > quota) {
      throw new UploadRefused(507, `this upload would pass your storage quota of ${quota} bytes (${used} used)`, {
        quotaBytes: quota,
        usedBytes: used,
      });
    }
  }

  private async checkDisk(bytes: number): Promise<void> {
    const fs = await statfs(this.dir);
    if (fs.bavail * fs.bsize - bytes < this.limits.uploadMinFreeDiskBytes) {
      throw new UploadRefused(507, 'the server is low on disk space; try again later');
    }
  }
}
