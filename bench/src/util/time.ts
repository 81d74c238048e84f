import { setTimeout as delay } from 'node:timers/promises';

export const sleep = (ms: number): Promise<void> => delay(ms).then(() => undefined);

/** Milliseconds on the monotonic clock shared by every client in this process. */
export const now = (): number => performance.now();

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passed; answers whether it became true. */
export async function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const end = now() + timeoutMs;
  while (!check()) {
    if (now() > end) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Runs `task` for every item with at most `limit` in flight. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
