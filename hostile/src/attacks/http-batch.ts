import { signUp } from '../clients.ts';
import { nextAddress, request } from '../net.ts';
import type { Target } from '../target.ts';

/** One HTTP batch of one call more than `httpMaxBatch` (all `room.list`, from a signed-in user). */
export async function oversizedBatch(target: Target): Promise<{ status: number | null }> {
  const account = await signUp(target, nextAddress(), 'batch');
  const paths = Array.from({ length: target.limits.httpMaxBatch + 1 }, () => 'room.list').join(',');
  const reply = await request(target, {
    address: account.address,
    path: `/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`,
    headers: { authorization: `Bearer ${account.token}` },
  });
  return { status: reply.status };
}
