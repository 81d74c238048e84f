import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { longTasks, topSelfFrames } from '../profile/summarize.ts';
import { orNull } from './deadline.ts';

/** Finer than Chrome's default 1 ms: a 60 ms task then has enough samples to name its cause. */
const SAMPLING_INTERVAL_US = 200;
const TOP_FRAMES = 15;
const LONG_TASK_MS = 50;
const STOP_ANSWER_MS = 30_000;

export interface PageProfile {
  /** Writes `<dir>/<name>.cpuprofile` (DevTools opens it) and logs where the time went. */
  stop(): Promise<void>;
}

/**
 * The page's main-thread CPU profile over a scenario's measured part (`--profile`), so a long
 * task the figures report can be traced to the code that made it.
 */
export async function profilePage(page: Page, dir: string, name: string, log: (line: string) => void): Promise<PageProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      // A page still frozen by the scenario may never answer; its profile is then lost, not the run.
      const stopped = await orNull(cdp.send('Profiler.stop'), STOP_ANSWER_MS);
      if (!stopped) return log(`${name}: the page did not hand over its profile within ${STOP_ANSWER_MS / 1000} s`);
      const { profile } = stopped;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const frames = topSelfFrames(file, TOP_FRAMES).map((f) => `  ${String(f.selfMs).padStart(6)} ms ${String(f.percent).padStart(5)}%  ${f.frame}`);
      const tasks = longTasks(file, LONG_TASK_MS).map((t) => `  at ${t.atMs} ms: ${t.ms} ms\n${t.stacks.map((s) => `      ${s}`).join('\n')}`);
      log(`${name}: profile in ${file}\n self time:\n${frames.join('\n')}\n tasks ≥ ${LONG_TASK_MS} ms:\n${tasks.join('\n') || '  none'}`);
      await cdp.detach().catch(() => {});
    },
  };
}
