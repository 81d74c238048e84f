import { sleep } from '../../util/time.ts';
import { orNull } from '../deadline.ts';
import { pageFigures } from '../page-figures.ts';
import type { ScrollResult } from '../results.ts';
import { openRoom } from '../session.ts';
import { FROZEN_ANSWER_MS, last, SETTLE_MS, type ScenarioEnv } from './env.ts';

/** About one flick of a mouse wheel: most of the list's height at 1280×800. */
const WHEEL_PX = 600;
/** 5,000 messages of one or two lines are ~250,000 px: a list still short of its start by then is stuck. */
const STEP_CAP = 2_000;

/**
 * A room of `count` messages opened at the bottom; the reader wheels up until its first
 * message is shown: time, steps, and what the page grew to on the way.
 */
export async function scrollBack(env: ScenarioEnv, count: number): Promise<ScrollResult> {
  const { cast } = env;
  const room = await cast.newRoom('scroll');
  const tag = `s${room.id}`;
  const seedStart = Date.now();
  // Sent alone and first, so it is the room's beginning.
  const oldest = await cast.send(room.id, tag, 0);
  const newest = last(await cast.sendMany(room.id, tag, 1, count - 1));
  const seedMs = Date.now() - seedStart;
  const open = await openRoom(env.browser, env.baseUrl, cast.reader, room, { newest });
  const { page } = open;
  const profile = await env.profile(page, `scroll-${count}`);
  try {
    const center = await page.evaluate(() => window.__bench.scrollerCenter());
    if (!center) throw new Error('no scroller around the messages');
    await page.mouse.move(center.x, center.y);
    const since = Date.now();
    const deadline = since + env.timeoutMs;
    let domMax = await page.evaluate(() => window.__bench.domElements());
    let steps = 0;
    let reachedAt: number | null = null;
    while (steps < STEP_CAP && Date.now() < deadline) {
      // The wheel waits for the page to take the event: a frozen page must not outlast the deadline.
      if ((await orNull(page.mouse.wheel(0, -WHEEL_PX), deadline - Date.now())) === null) break;
      steps++;
      // Two frames: the scroll is applied and the app has reacted (asked for older pages).
      const after = await orNull(
        page.evaluate(
          async ([i, t]) => {
            await window.__bench.afterFrames(2);
            return { shown: window.__bench.isShown(i, t), dom: window.__bench.domElements() };
          },
          [oldest.id, oldest.marker] as const,
        ),
        deadline - Date.now(),
      );
      if (!after) break;
      domMax = Math.max(domMax, after.dom);
      if (after.shown) {
        reachedAt = Date.now();
        break;
      }
    }
    if (reachedAt !== null) await sleep(SETTLE_MS);
    const figures = await pageFigures(page, since, reachedAt === null ? FROZEN_ANSWER_MS : undefined);
    return {
      messages: count,
      status: reachedAt !== null || steps >= STEP_CAP ? 'ok' : 'timed out',
      seedMs,
      wallMs: reachedAt && reachedAt - since,
      steps,
      reachedStart: reachedAt !== null,
      domMax: Math.max(domMax, figures.domElements ?? 0),
      ...figures,
    };
  } finally {
    await profile.stop();
    await open.close();
  }
}
