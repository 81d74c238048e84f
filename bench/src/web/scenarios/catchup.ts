import { sleep } from '../../util/time.ts';
import { orNull } from '../deadline.ts';
import { pageFigures } from '../page-figures.ts';
import { startProxy } from '../proxy.ts';
import type { CatchupResult } from '../results.ts';
import { openRoom } from '../session.ts';
import { FROZEN_ANSWER_MS, last, SETTLE_MS, shownAt, WARM_UP, type ScenarioEnv } from './env.ts';

/**
 * The reader's network drops, `missed` messages are posted meanwhile, the network comes
 * back: how long until the newest is on screen, and what it cost the page.
 */
export async function catchUp(env: ScenarioEnv, missed: number): Promise<CatchupResult> {
  const { cast } = env;
  const room = await cast.newRoom(`catchup-${missed}`);
  const tag = `c${room.id}`;
  const before = await cast.sendMany(room.id, tag, 0, WARM_UP - 1);
  const network = await startProxy(env.baseUrl);
  const open = await openRoom(env.browser, network.url, cast.reader, room, { newest: last(before) }).catch(async (err: unknown) => {
    await network.close();
    throw err;
  });
  const { page } = open;
  const profile = await env.profile(page, `catchup-${missed}`);
  try {
    network.drop();
    // Long enough for the app to see the close and to resume from its last event later.
    await sleep(500);
    const postStart = Date.now();
    const newest = last(await cast.sendMany(room.id, tag, WARM_UP, WARM_UP + missed - 1));
    const postMs = Date.now() - postStart;
    await page.evaluate(([i, t]) => window.__bench.watchShown('catchup', i, t), [newest.id, newest.marker] as const);

    const restoredAt = Date.now();
    network.restore();
    const at = await shownAt(page, 'catchup', restoredAt + env.timeoutMs);
    const reconnectedAt = network.reconnectedAt();
    const reconnectMs = reconnectedAt && reconnectedAt - restoredAt;
    if (at === null || reconnectedAt === null) {
      const newestInDom = await orNull(page.evaluate((i) => window.__bench.inDom(i), newest.id), FROZEN_ANSWER_MS);
      const figures = await pageFigures(page, restoredAt, FROZEN_ANSWER_MS);
      return { missed, status: 'timed out', postMs, catchUpMs: null, fromRestoreMs: null, reconnectMs, newestInDom, ...figures };
    }
    await sleep(SETTLE_MS);
    return {
      missed,
      status: 'ok',
      postMs,
      catchUpMs: at - reconnectedAt,
      fromRestoreMs: at - restoredAt,
      reconnectMs,
      ...(await pageFigures(page, restoredAt)),
    };
  } finally {
    await profile.stop();
    await open.close();
    await network.close();
  }
}
