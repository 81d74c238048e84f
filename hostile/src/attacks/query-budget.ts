import { outcome, signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';

const CALL_TIMEOUT_MS = 5000;

/**
 * One user asking `room.list` `queries` times over HTTP, `perBatch` calls at a time (each group
 * one batched request): how each call ended ('ok', an error code, or a timeout as 'unknown').
 */
export async function queryFlood(target: Target, queries = 300, perBatch = 10): Promise<Record<string, number>> {
  const { http } = await signUp(target, nextAddress(), 'reader');
  const outcomes: string[] = [];
  for (let done = 0; done < queries; done += perBatch) {
    const batch = Array.from({ length: Math.min(perBatch, queries - done) }, () =>
      outcome(http.room.list.query(undefined, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) })),
    );
    outcomes.push(...(await Promise.all(batch)));
  }
  return tally(outcomes);
}
