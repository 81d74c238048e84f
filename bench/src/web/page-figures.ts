import type { Page } from 'playwright-core';
import { orNull } from './deadline.ts';
import type { PageFigures } from './results.ts';
import { MB } from './stats.ts';

/** A page still busy catching up may take a while to answer; past this the figure is n/a. */
const ANSWER_MS = 30_000;

/** The page's JS heap after a full collection, in MB: what the app really holds on to. */
export async function heapAfterGc(page: Page, answerMs = ANSWER_MS): Promise<number | null> {
  return orNull(
    (async () => {
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        return Math.round((usedSize / MB) * 10) / 10;
      } finally {
        await cdp.detach().catch(() => {});
      }
    })(),
    answerMs,
  );
}

/**
 * Longest task since `since`, DOM size, heap after GC, in that order (the GC must not be
 * counted as the app's task). `answerMs` is shorter after a timeout: a frozen page would
 * otherwise hold the run for each figure in turn.
 */
export async function pageFigures(page: Page, since: number, answerMs = ANSWER_MS): Promise<PageFigures> {
  const longestTaskMs = await orNull(page.evaluate((t) => window.__bench.longestTaskSince(t), since), answerMs);
  const elements = await orNull(page.evaluate(() => window.__bench.domElements()), answerMs);
  return { longestTaskMs, domElements: elements, heapMB: await heapAfterGc(page, answerMs) };
}
