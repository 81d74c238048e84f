import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../e2e/browser.ts';
import { fmt } from '../report/format.ts';
import { Cast } from './cast.ts';
import { startApp, type Checkout } from './checkout.ts';
import { withDeadline } from './deadline.ts';
import type { WebBenchOptions } from './options.ts';
import type { AppResults, BurstResult, CatchupResult, ScrollResult } from './results.ts';
import { liveBurst } from './scenarios/burst.ts';
import { catchUp } from './scenarios/catchup.ts';
import { errorText, type ScenarioEnv } from './scenarios/env.ts';
import { scrollBack } from './scenarios/scroll.ts';
import { profilePage, type PageProfile } from './profiler.ts';

export const BURST = { messages: 1_000, perSec: 200 };
export const SCROLL_MESSAGES = 5_000;

/** Seeding thousands of messages and opening the room come on top of the measurement itself. */
const SETUP_ALLOWANCE_MS = 180_000;

const NO_PROFILE: PageProfile = { stop: async () => {} };

const nullFigures = { longestTaskMs: null, domElements: null, heapMB: null };

/**
 * Every chosen scenario against one checkout's server. Each gets a browser of its own, so a
 * page still frozen from a timed-out measurement cannot slow the next one down; a scenario
 * that fails is reported as failed and the others still run.
 */
export async function runApp(checkout: Checkout, options: WebBenchOptions, log: (line: string) => void): Promise<AppResults> {
  const results: AppResults = { label: checkout.label, description: checkout.description, loadAverages: [], catchup: [], burst: null, scroll: null };
  const app = await startApp(checkout).catch((err: unknown) => {
    results.setupError = `server did not start: ${errorText(err)}`;
    return null;
  });
  if (!app) return results;
  try {
    const cast = await Cast.register(app.url);
    const scenario = async <T>(name: string, work: (env: ScenarioEnv) => Promise<T>, failed: (error: string) => T): Promise<T> => {
      const load = Math.round((loadavg()[0] ?? 0) * 100) / 100;
      results.loadAverages.push(load);
      log(`${checkout.label}: ${name} (load average ${load})…`);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const profileDir = join(options.outDir, 'profiles');
        const profile = (page: Page, name: string) => (options.profile ? profilePage(page, profileDir, name, log) : Promise.resolve(NO_PROFILE));
        const env: ScenarioEnv = { browser, baseUrl: app.url, cast, timeoutMs: options.timeoutMs, log, profile };
        const outcome = await withDeadline(work(env), options.timeoutMs + SETUP_ALLOWANCE_MS);
        return outcome.timedOut ? failed('the scenario hung past its timeout and setup allowance') : outcome.value;
      } catch (err) {
        log(`${checkout.label}: ${name} failed: ${errorText(err)}`);
        return failed(errorText(err));
      } finally {
        await browser?.close().catch(() => {});
      }
    };

    if (options.scenarios.includes('catchup')) {
      for (const missed of options.sizes) {
        const r = await scenario(`catch-up of ${fmt(missed)}`, (env) => catchUp(env, missed), (error): CatchupResult => ({
          missed,
          status: 'failed',
          error,
          postMs: 0,
          catchUpMs: null,
          fromRestoreMs: null,
          reconnectMs: null,
          ...nullFigures,
        }));
        log(`${checkout.label}: catch-up of ${fmt(missed)}: ${r.status === 'ok' ? `${fmt(r.catchUpMs)} ms` : r.status}`);
        results.catchup.push(r);
      }
    }
    if (options.scenarios.includes('burst')) {
      results.burst = await scenario(`live burst of ${fmt(BURST.messages)}`, (env) => liveBurst(env, BURST.messages, BURST.perSec), (error): BurstResult => ({
        messages: BURST.messages,
        ratePerSec: BURST.perSec,
        status: 'failed',
        error,
        sendSpanMs: 0,
        delayMs: { p50: null, p95: null, max: null },
        appeared: 0,
        duplicates: 0,
        inOrder: null,
        neverInDom: 'unknown',
        newestShown: null,
        ...nullFigures,
      }));
      log(`${checkout.label}: live burst: ${results.burst.status}, max delay ${fmt(results.burst.delayMs.max)} ms`);
    }
    if (options.scenarios.includes('scroll')) {
      results.scroll = await scenario(`scrolling back ${fmt(SCROLL_MESSAGES)}`, (env) => scrollBack(env, SCROLL_MESSAGES), (error): ScrollResult => ({
        messages: SCROLL_MESSAGES,
        status: 'failed',
        error,
        seedMs: 0,
        wallMs: null,
        steps: 0,
        reachedStart: false,
        domMax: null,
        ...nullFigures,
      }));
      log(`${checkout.label}: scrolling back: ${results.scroll.status}, ${fmt(results.scroll.wallMs)} ms, ${fmt(results.scroll.steps)} steps`);
    }
  } catch (err) {
    results.setupError = errorText(err);
  } finally {
    await app.stop();
  }
  return results;
}
