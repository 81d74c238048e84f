import type { Browser, Page } from 'playwright-core';
import { sleep } from '../../util/time.ts';
import type { Cast } from '../cast.ts';
import type { PageProfile } from '../profiler.ts';
import { orNull } from '../deadline.ts';

/** What every scenario plays on: one server of one checkout, its people, one browser. */
export interface ScenarioEnv {
  browser: Browser;
  baseUrl: string;
  cast: Cast;
  /** Per measurement: past it the result is "timed out". */
  timeoutMs: number;
  log(line: string): void;
  /** Starts the page's CPU profile (`--profile`); without the flag a no-op. */
  profile(page: Page, name: string): Promise<PageProfile>;
}

/** Messages in the room before the scenario starts, so the list is not empty. */
export const WARM_UP = 30;

/**
 * After the measured moment the app may still be busy (read markers, saving its cache):
 * that belongs to the scenario's longest task too.
 */
export const SETTLE_MS = 1_000;

/** A page that did not answer within this after a timeout gets n/a for its figures. */
export const FROZEN_ANSWER_MS = 5_000;

/**
 * When the page noted `key` as shown (epoch ms), or null at `deadline`. Each poll is bounded
 * too: a page frozen by a long task answers nothing until it is done.
 */
export async function shownAt(page: Page, key: string, deadline: number): Promise<number | null> {
  while (Date.now() < deadline) {
    const at = await orNull(
      page.evaluate((k) => window.__bench.shownAt[k] ?? null, key),
      deadline - Date.now(),
    );
    if (at !== null) return at;
    await sleep(100);
  }
  return null;
}

export const last = <T>(xs: readonly T[]): T => {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty list');
  return x;
};

/** One line, with the cause when there is one ("fetch failed" alone says little). */
export function errorText(err: unknown): string {
  const line = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  const cause = err instanceof Error && err.cause !== undefined ? `: ${line(err.cause)}` : '';
  return line(err) + cause;
}
