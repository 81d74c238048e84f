import type { Page } from 'playwright-core';
import { sleep } from '../../util/time.ts';
import type { Sent } from '../cast.ts';
import { orNull } from '../deadline.ts';
import { pageFigures } from '../page-figures.ts';
import type { Arrival } from '../probe.ts';
import type { BurstResult } from '../results.ts';
import { openRoom } from '../session.ts';
import { ascending, ranges, summarizeDelays } from '../stats.ts';
import { FROZEN_ANSWER_MS, last, SETTLE_MS, WARM_UP, type ScenarioEnv } from './env.ts';

const ARRIVALS_ANSWER_MS = 30_000;

/**
 * `count` messages at `perSec` while the reader watches the bottom of the room: how long
 * after each send it was in the page, whether every one came exactly once and in order.
 */
export async function liveBurst(env: ScenarioEnv, count: number, perSec: number): Promise<BurstResult> {
  const { cast } = env;
  const room = await cast.newRoom('burst');
  const tag = `b${room.id}`;
  const before = await cast.sendMany(room.id, tag, 0, WARM_UP - 1);
  const open = await openRoom(env.browser, env.baseUrl, cast.reader, room, { newest: last(before) });
  const { page } = open;
  const profile = await env.profile(page, `burst-${count}`);
  try {
    await page.evaluate((t) => window.__bench.recordArrivals(t), tag);
    const since = Date.now();
    const deadline = since + env.timeoutMs;
    const sent = await sendAtRate(env, room.id, tag, count, perSec);
    const sendSpanMs = last(sent).issuedAt - (sent[0] as Sent).issuedAt;
    const complete = await allArrived(page, count, deadline);
    await sleep(SETTLE_MS);
    // What arrived is the point of the scenario: worth waiting for even from a frozen page.
    const arrivals = await orNull(page.evaluate(() => window.__bench.arrivals), ARRIVALS_ANSWER_MS);
    const census = arrivals && (await orNull(page.evaluate((t) => window.__bench.census(t), tag), ARRIVALS_ANSWER_MS));

    const newest = last(sent);
    const newestShown = arrivals && (await orNull(page.evaluate(([id, t]) => window.__bench.isShown(id, t), [newest.id, newest.marker] as const), ARRIVALS_ANSWER_MS));
    const delays: number[] = [];
    const missing: number[] = [];
    let duplicates = 0;
    sent.forEach((message, i) => {
      const arrival: Arrival | undefined = arrivals?.[WARM_UP + i];
      if (!arrival) return void missing.push(i + 1);
      delays.push(arrival.at - message.issuedAt);
      if (arrival.ids.length > 1 || (census?.counts[WARM_UP + i] ?? 0) > 1) duplicates++;
    });
    return {
      messages: count,
      ratePerSec: perSec,
      status: complete ? 'ok' : 'timed out',
      sendSpanMs,
      delayMs: summarizeDelays(delays),
      appeared: arrivals ? delays.length : null,
      duplicates,
      inOrder: census ? ascending(census.seqs) : null,
      neverInDom: arrivals ? ranges(missing) : 'unknown',
      newestShown,
      ...(await pageFigures(page, since, complete ? undefined : FROZEN_ANSWER_MS)),
    };
  } finally {
    await profile.stop();
    await open.close();
  }
}

/**
 * Open loop: message i is issued at start + i/perSec whether or not earlier sends were
 * answered, as people typing do not wait for each other.
 */
async function sendAtRate(env: ScenarioEnv, roomId: string, tag: string, count: number, perSec: number): Promise<Sent[]> {
  const start = Date.now() + 50;
  const sends: Promise<Sent>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / perSec - Date.now();
    if (wait > 0) await sleep(wait);
    sends.push(env.cast.send(roomId, tag, WARM_UP + i));
  }
  return Promise.all(sends);
}

/** Whether every message of the burst reached the DOM by `deadline`. */
async function allArrived(page: Page, count: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const seen = await orNull(
      page.evaluate(([from, n]) => Object.keys(window.__bench.arrivals).filter((k) => Number(k) >= from && Number(k) < from + n).length, [WARM_UP, count] as const),
      deadline - Date.now(),
    );
    if (seen === count) return true;
    await sleep(100);
  }
  return false;
}
