import { randomBytes } from 'node:crypto';
import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { upload } from '../uploads.ts';

/**
 * A file of exactly `maxUploadBytes`, then one of a byte more. `content` makes the bytes: random
 * by default; the soak passes the same bytes every time, so that the store keeps one copy of them
 * however often it repeats the attack.
 */
export async function uploadsAtTheLimit(
  target: Target,
  content: (size: number) => Buffer = randomBytes,
): Promise<{ exactly: number | null; oneByteMore: number | null }> {
  const account = await signUp(target, nextAddress(), 'filler');
  const max = target.limits.maxUploadBytes;
  const exactly = await upload(target, account, { name: 'exactly.bin', content: content(max) });
  const oneByteMore = await upload(target, account, { name: 'over.bin', content: content(max + 1) });
  return { exactly: exactly.status, oneByteMore: oneByteMore.status };
}
