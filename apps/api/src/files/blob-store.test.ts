import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { BlobStore } from './blob-store.ts';

const bytes = Buffer.from('the same holiday photo, uploaded twice');
const sha = createHash('sha256').update(bytes).digest('hex');
let blobs: BlobStore;
let dir: string;

/** What an upload does: its own copy of the bytes and thumbnail in tmp/, then commit. */
async function uploadCopy(): Promise<void> {
  const bytesPath = blobs.tempPath();
  const thumbnailPath = blobs.tempPath();
  writeFileSync(bytesPath, bytes);
  writeFileSync(thumbnailPath, 'thumbnail');
  await blobs.commit(sha, bytesPath, thumbnailPath);
}

const stored = () => [existsSync(blobs.pathOf(sha)), existsSync(blobs.thumbnailPathOf(sha))];
const leftInTmp = () => readdirSync(join(dir, 'tmp'));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chat-blobs-'));
  blobs = new BlobStore(dir);
  await uploadCopy();
});

test('a second identical upload keeps the stored copy and leaves nothing in tmp/', async () => {
  await uploadCopy();
  expect(stored()).toEqual([true, true]);
  expect(readFileSync(blobs.pathOf(sha))).toEqual(bytes);
  expect(leftInTmp()).toEqual([]);
});

test('the collector deletes bytes and thumbnail that no upload holds', async () => {
  await blobs.removeUnless(sha, async () => false);
  expect(stored()).toEqual([false, false]);
  expect(leftInTmp()).toEqual([]);
});

test('bytes an upload holds by the time the collector asks are put back', async () => {
  await blobs.removeUnless(sha, async () => true);
  expect(stored()).toEqual([true, true]);
  expect(readFileSync(blobs.pathOf(sha))).toEqual(bytes);
  expect(leftInTmp()).toEqual([]);
});

test('an identical upload committing while the collector asks keeps its bytes', async () => {
  await blobs.removeUnless(sha, async () => {
    // Mid-collection the bytes are aside; the upload (row created, so the answer is yes) puts its own copy in place.
    expect(stored()).toEqual([false, false]);
    await uploadCopy();
    return true;
  });
  expect(stored()).toEqual([true, true]);
  expect(readFileSync(blobs.pathOf(sha))).toEqual(bytes);
  expect(leftInTmp()).toEqual([]);
});

test('an identical upload whose row comes after the answer stores its own copy', async () => {
  await blobs.removeUnless(sha, async () => false);
  await uploadCopy();
  expect(stored()).toEqual([true, true]);
  expect(readFileSync(blobs.pathOf(sha))).toEqual(bytes);
});

test('when the question fails, the bytes stay', async () => {
  await expect(blobs.removeUnless(sha, () => Promise.reject(new Error('database unavailable')))).rejects.toThrow('database unavailable');
  expect(stored()).toEqual([true, true]);
  expect(leftInTmp()).toEqual([]);
});

test('collecting bytes that are already gone is not an error', async () => {
  await blobs.removeUnless(sha, async () => false);
  await expect(blobs.removeUnless(sha, async () => false)).resolves.toBeUndefined();
});

test('starting up removes only stale temp files: another process sharing the directory may be uploading', async () => {
  const inProgress = blobs.tempPath();
  const abandoned = blobs.tempPath();
  writeFileSync(inProgress, 'half of an upload');
  writeFileSync(abandoned, 'cut off by a crash');
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
  blobs = new BlobStore(dir);
  expect([existsSync(inProgress), existsSync(abandoned)]).toEqual([true, false]);
});
