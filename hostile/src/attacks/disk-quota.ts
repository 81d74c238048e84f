import { randomBytes } from 'node:crypto';
import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { upload, type Uploaded } from '../uploads.ts';

/** Two uploads of 60% of `uploadQuotaBytes` each by one user: the second passes the quota. */
export async function pastTheQuota(target: Target): Promise<{ first: Uploaded; second: Uploaded }> {
  const account = await signUp(target, nextAddress(), 'hoarder');
  const size = Math.floor(target.limits.uploadQuotaBytes * 0.6);
  const first = await upload(target, account, { name: 'first.bin', content: randomBytes(size) });
  const second = await upload(target, account, { name: 'second.bin', content: randomBytes(size) });
  return { first, second };
}

/** A small upload, on a server whose disk has less room than `uploadMinFreeDiskBytes`. */
export async function belowTheDiskFloor(target: Target): Promise<Uploaded> {
  const account = await signUp(target, nextAddress(), 'squatter');
  return upload(target, account, { name: 'small.bin', content: randomBytes(4096) });
}
