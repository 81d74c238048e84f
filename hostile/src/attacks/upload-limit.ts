import { randomBytes } from 'node:crypto';
import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { upload } from '../uploads.ts';

/** A file of exactly `maxUploadBytes`, then one of a byte more. */
export async function uploadsAtTheLimit(target: Target): Promise<{ exactly: number | null; oneByteMore: number | null }> {
  const account = await signUp(target, nextAddress(), 'filler');
  const max = target.limits.maxUploadBytes;
  const exactly = await upload(target, account, { name: 'exactly.bin', content: randomBytes(max) });
  const oneByteMore = await upload(target, account, { name: 'over.bin', content: randomBytes(max + 1) });
  return { exactly: exactly.status, oneByteMore: oneByteMore.status };
}
