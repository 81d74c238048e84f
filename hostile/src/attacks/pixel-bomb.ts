import { signUp, type Account } from '../clients.ts';
import { nextAddress } from '../net.ts';
import { pixelBomb, smallImage } from '../png.ts';
import type { Target } from '../target.ts';
import { upload, type Uploaded } from '../uploads.ts';

export interface ImageOutcome {
  status: number | null;
  thumbnailUrl: unknown;
  width: unknown;
  height: unknown;
}

const seen = ({ status, json }: Uploaded): ImageOutcome => ({ status, thumbnailUrl: json.thumbnailUrl, width: json.width, height: json.height });

/**
 * PNGs declaring 16383 × 16383 interlaced RGBA (1 GiB to decode), uploaded by `users` users at
 * once, each as many at a time as one user may.
 */
export async function pixelBombs(target: Target, users = 3): Promise<ImageOutcome[]> {
  const accounts = await Promise.all(Array.from({ length: users }, () => signUp(target, nextAddress(), 'bomber')));
  const each = (account: Account) =>
    Array.from({ length: target.limits.uploadMaxConcurrentPerUser }, (_, i) => upload(target, account, { name: `bomb${i}.png`, content: pixelBomb() }));
  return (await Promise.all(accounts.flatMap(each))).map(seen);
}

/** An ordinary small picture, which must still get its thumbnail. */
export async function ordinaryImage(target: Target): Promise<ImageOutcome> {
  const account = await signUp(target, nextAddress(), 'painter');
  return seen(await upload(target, account, { name: 'gradient.png', content: smallImage() }));
}
