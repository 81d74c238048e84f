import { expect, test } from 'vitest';
import { unsatisfiableRange } from '../src/attacks/bad-range.ts';
import { belowTheDiskFloor, pastTheQuota } from '../src/attacks/disk-quota.ts';
import { ordinaryImage, pixelBombs } from '../src/attacks/pixel-bomb.ts';
import { uploadsAtTheLimit } from '../src/attacks/upload-limit.ts';
import { rssGrowthDuring } from '../src/memory.ts';
import { startServer } from '../src/server-process.ts';
import type { Limits } from '../src/settings.ts';
import type { Target } from '../src/target.ts';
import { MAX_RSS_GROWTH_BYTES, underAttack } from './under-attack.ts';

/** Runs `attack` against a server of its own, started with `limits`. */
async function onAnotherServer<T>(limits: Partial<Limits>, attack: (target: Target) => Promise<T>): Promise<T> {
  const server = await startServer(limits);
  try {
    return await attack(server);
  } finally {
    await server.stop();
  }
}

underAttack('files', {}, (target) => {
  test('PNGs declaring 16383 × 16383 interlaced pixels are stored as plain files, never decoded', async () => {
    const { seen: uploads, growthBytes } = await rssGrowthDuring(target().pid, () => pixelBombs(target(), 3));
    expect(uploads).toHaveLength(3 * target().limits.uploadMaxConcurrentPerUser);
    for (const seen of uploads) expect(seen).toEqual({ status: 201, thumbnailUrl: null, width: null, height: null });
    expect(growthBytes).toBeLessThan(MAX_RSS_GROWTH_BYTES);
  });

  test('an ordinary small PNG still gets its thumbnail', async () => {
    const seen = await ordinaryImage(target());
    expect(seen.status).toBe(201);
    expect(seen.thumbnailUrl).toEqual(expect.any(String));
  });

  test('a Range past the end of a file is 416 with Content-Range, and logs no error', async () => {
    const seen = await unsatisfiableRange(target());
    expect(seen).toEqual({ size: seen.size, status: 416, contentRange: `bytes */${seen.size}`, errors: [] });
  });

  test('a file of exactly MAX_UPLOAD_BYTES is accepted, one byte more is 413', async () => {
    expect(await uploadsAtTheLimit(target())).toEqual({ exactly: 201, oneByteMore: 413 });
  });

  test('an upload past the user quota is 507, naming the quota', async () => {
    const quotaBytes = 200_000;
    const { first, second } = await onAnotherServer({ uploadQuotaBytes: quotaBytes }, pastTheQuota);
    expect(first.status).toBe(201);
    expect(second.status).toBe(507);
    expect(second.json).toMatchObject({ error: expect.any(String), quotaBytes });
  });

  test('an upload that would take the disk below its floor is 507', async () => {
    const refused = await onAnotherServer({ uploadMinFreeDiskBytes: 1e15 }, belowTheDiskFloor);
    expect(refused.status).toBe(507);
  });
});
