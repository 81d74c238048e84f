import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startProxy } from '../bench/src/web/proxy.ts';
import { apiClient } from './api.ts';
import { composer, inViewport, messageLog, signIn, VISIBLE, visible } from './pages.ts';
import { alice, browserStage } from './stage.ts';

// Thousands of quick sends from one account each: the per-user budgets are off here. (The other
// per-user bounds are on sockets and uploads, which these sends over HTTP don't use.)
const stage = browserStage({ rateLimit: false });

/** A long room must not cost a long DOM: what is far from the view is not rendered. */
const MAX_MESSAGE_ELEMENTS = 300;
const MAX_DOCUMENT_ELEMENTS = 3_000;
/**
 * A list that renders everything is slow to scroll through: the scrolling stops at these (from the
 * test's start) so that the checks still run, and report what was seen, before the test times out.
 */
const TEST_TIMEOUT = { timeout: 240_000 } as const;
const SCROLL_UP_BY_MS = 110_000;
const SCROLL_DOWN_BY_MS = 140_000;
/** How long the view may stand still (waiting for a page of history, say) before a scroll is given up. */
const STUCK_MS = 15_000;

type Client = ReturnType<typeof apiClient>;
/** A message as the server stored it: `seq` is its place in the room, whatever order it was sent in. */
interface Sent {
  id: string;
  seq: number;
  body: string;
}

async function register(username: string, displayName: string, password = 'a long enough password'): Promise<Client> {
  const { token } = await apiClient(stage.server.url).auth.register.mutate({ username, displayName, password });
  return apiClient(stage.server.url, token);
}

const bodies = (prefix: string, count: number, digits: number) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(digits, '0')}`);

const bySeq = (sent: Sent[]) => sent.sort((a, b) => a.seq - b.seq);

/** Sends every body with `inFlight` sends running at once; returns them in the server's order. */
async function sendConcurrently(client: Client, roomId: string, texts: string[], inFlight: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const body = texts[next++]!;
      const message = await client.message.send.mutate({ roomId, body, clientMsgId: body });
      sent.push({ id: message.id, seq: message.seq, body });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return bySeq(sent);
}

/** Starts one send every 1/perSecond s (at most `maxInFlight` unanswered); returns them in the server's order. */
async function sendPaced(client: Client, roomId: string, texts: string[], perSecond: number, maxInFlight: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  const running = new Set<Promise<void>>();
  const start = performance.now();
  for (const [i, body] of texts.entries()) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    while (running.size >= maxInFlight) await Promise.race(running);
    const send: Promise<void> = client.message.send
      .mutate({ roomId, body, clientMsgId: body })
      .then((message) => void sent.push({ id: message.id, seq: message.seq, body }))
      .finally(() => running.delete(send));
    running.add(send);
  }
  await Promise.all(running);
  return bySeq(sent);
}

interface SampledItem {
  id: string;
  seq: number;
  /** The message body found in the item (by the journey's pattern), if any. */
  text: string | null;
  top: number;
  height: number;
  /** Inside the visible part of its scroller(s) and the window. */
  visible: boolean;
}

interface Sample {
  /** `[data-message-id]` elements in the message region. */
  messages: number;
  /** Elements in the whole document. */
  elements: number;
  items: SampledItem[];
  /** Bodies the region shows more than once at this moment. */
  repeatedTexts: string[];
  /** Where a wheel turns the message list: the middle of its visible part. */
  wheel: { x: number; y: number; height: number };
}

/**
 * Waits for the list to stand still (a wheel scroll may be animated, a page of history may land),
 * then reads every message element of the region, in DOM order. Nothing here knows which way the
 * scroller runs or how it is built: visibility is worked out from the boxes the user would see.
 */
function sampleRegion(region: Locator, pattern: RegExp): Promise<Sample> {
  return region.evaluate(
    async (root, source) => {
      const signature = () => {
        const all = root.querySelectorAll('[data-message-id]');
        const first = all[0];
        const last = all[all.length - 1];
        return [root.getBoundingClientRect().top, all.length, first?.getAttribute('data-message-id'), first?.getBoundingClientRect().top, last?.getBoundingClientRect().top].join();
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let previous = signature();
      const until = performance.now() + 1_000;
      for (let still = 0; still < 3 && performance.now() < until; ) {
        await frame();
        const now = signature();
        still = now === previous ? still + 1 : 0;
        previous = now;
      }

      type Box = { top: number; bottom: number; left: number; right: number };
      const cut = (a: Box, b: Box): Box => ({
        top: Math.max(a.top, b.top),
        bottom: Math.min(a.bottom, b.bottom),
        left: Math.max(a.left, b.left),
        right: Math.min(a.right, b.right),
      });
      // What an element lets its descendants show: its own box if it clips (a scroller does), cut by its ancestors'.
      const shown = new Map<Element, Box>();
      const shownInside = (element: Element | null): Box => {
        if (!element) return { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
        const known = shown.get(element);
        if (known) return known;
        const outer = shownInside(element.parentElement);
        const box = getComputedStyle(element).overflowY === 'visible' ? outer : cut(outer, element.getBoundingClientRect());
        shown.set(element, box);
        return box;
      };

      const match = (text: string | null) => new RegExp(source).exec(text ?? '')?.[0] ?? null;
      const items = Array.from(root.querySelectorAll<HTMLElement>('[data-message-id]')).map((element) => {
        const rect = element.getBoundingClientRect();
        const area = shownInside(element.parentElement);
        return {
          id: element.dataset.messageId ?? '',
          seq: Number(element.dataset.seq),
          text: match(element.textContent),
          top: rect.top,
          height: rect.height,
          visible: rect.height > 0 && rect.bottom > area.top && rect.top < area.bottom,
        };
      });

      const counts = new Map<string, number>();
      for (const text of (root.textContent ?? '').match(new RegExp(source, 'g')) ?? []) counts.set(text, (counts.get(text) ?? 0) + 1);

      const area = cut(shownInside(root.parentElement), root.getBoundingClientRect());
      return {
        messages: items.length,
        elements: document.getElementsByTagName('*').length,
        items,
        repeatedTexts: [...counts].filter(([, n]) => n > 1).map(([text]) => text),
        wheel: { x: (area.left + area.right) / 2, y: (area.top + area.bottom) / 2, height: Math.max(0, area.bottom - area.top) },
      };
    },
    pattern.source,
  );
}

/**
 * Everything seen of one room while moving through it: which messages were in the DOM at some
 * point, the most elements at once, and anything wrong at any moment (a message twice, a
 * message out of order).
 */
class Journey {
  samples = 0;
  maxMessages = { count: 0, at: '' };
  maxElements = { count: 0, at: '' };
  readonly seen = new Map<string, { seq: number; text: string | null }>();
  readonly idsByText = new Map<string, Set<string>>();
  readonly problems: string[] = [];
  private problemCount = 0;

  constructor(
    private readonly log: Locator,
    private readonly pattern: RegExp,
  ) {}

  /** Samples the region and records what it shows; `label` says where in the journey it was. */
  async look(label: string): Promise<Sample & { visibleIds: Set<string> }> {
    const sample = await sampleRegion(this.log, this.pattern);
    this.samples++;
    const at = `${label}, sample ${this.samples}`;
    if (sample.messages > this.maxMessages.count) this.maxMessages = { count: sample.messages, at };
    if (sample.elements > this.maxElements.count) this.maxElements = { count: sample.elements, at };

    const ids = new Set<string>();
    sample.items.forEach((item, i) => {
      if (ids.has(item.id)) this.problem(`${at}: message ${item.id} (${item.text}) is in the DOM twice`);
      ids.add(item.id);
      const before = sample.items[i - 1];
      if (before && before.seq >= item.seq) this.problem(`${at}: seq ${before.seq} (${before.text}) comes before seq ${item.seq} (${item.text}) in the DOM`);
      if (before && before.height > 0 && item.height > 0 && before.top > item.top) {
        this.problem(`${at}: seq ${before.seq} (${before.text}) is shown below seq ${item.seq} (${item.text})`);
      }
      const known = this.seen.get(item.id);
      if (known && (known.seq !== item.seq || known.text !== item.text)) {
        this.problem(`${at}: message ${item.id} was seq ${known.seq} (${known.text}), now seq ${item.seq} (${item.text})`);
      }
      this.seen.set(item.id, { seq: item.seq, text: item.text });
      if (item.text !== null) {
        const same = this.idsByText.get(item.text) ?? new Set<string>();
        same.add(item.id);
        this.idsByText.set(item.text, same);
      }
    });
    for (const text of sample.repeatedTexts) this.problem(`${at}: "${text}" is shown more than once`);
    return { ...sample, visibleIds: new Set(sample.items.filter((item) => item.visible).map((item) => item.id)) };
  }

  /**
   * Turns the mouse wheel over the message list, a fraction of its visible height at a time
   * (so every message passes through the view), until `done` or the view stops moving.
   */
  async scroll(
    page: Page,
    direction: 'up' | 'down',
    done: (sample: Sample & { visibleIds: Set<string> }) => boolean,
    { maxSteps = 1_000, deadline = Number.POSITIVE_INFINITY } = {},
  ) {
    let sample = await this.look(`before scrolling ${direction}`);
    let steps = 0;
    let lastMove = Date.now();
    let place = '';
    while (!done(sample)) {
      if (steps >= maxSteps) return { steps, reached: false, stopped: `after ${maxSteps} steps` };
      if (Date.now() - lastMove > STUCK_MS) return { steps, reached: false, stopped: `the view stood still for ${STUCK_MS} ms` };
      if (Date.now() > deadline) return { steps, reached: false, stopped: 'out of time' };
      await page.mouse.move(sample.wheel.x, sample.wheel.y);
      await page.mouse.wheel(0, (direction === 'up' ? -1 : 1) * Math.max(100, Math.round(sample.wheel.height * 0.6)));
      steps++;
      sample = await this.look(`scrolling ${direction}, step ${steps}`);
      const shown = sample.items.filter((item) => item.visible);
      const now = `${shown[0]?.id}@${Math.round(shown[0]?.top ?? 0)}:${shown.at(-1)?.id}`;
      if (now !== place) lastMove = Date.now();
      place = now;
    }
    return { steps, reached: true, stopped: '' };
  }

  /** The expected messages never seen, and those seen with another seq or body than the server gave them. */
  compare(expected: readonly Sent[]) {
    const missing = expected.filter((m) => !this.seen.has(m.id)).map((m) => m.body);
    const wrong = expected.flatMap((m) => {
      const got = this.seen.get(m.id);
      return got && (got.seq !== m.seq || got.text !== m.body) ? [`${m.body} (seq ${m.seq}) shown as ${got.text} (seq ${got.seq})`] : [];
    });
    const shownTwice = [...this.idsByText].filter(([, ids]) => ids.size > 1).map(([text, ids]) => `${text} under ${ids.size} ids`);
    return { missing, wrong, shownTwice };
  }

  summary(): string {
    return `${this.samples} samples; at most ${this.maxMessages.count} message elements (${this.maxMessages.at}) and ${this.maxElements.count} document elements (${this.maxElements.at}); ${this.seen.size} messages seen`;
  }

  private problem(text: string) {
    // The first few tell the story; a broken list would otherwise print thousands.
    if (this.problemCount++ < 20) this.problems.push(text);
  }
}

/**
 * Space between consecutive drawn rows, where there is any: each row is placed where the rows
 * above it end, so a gap (or an overlap) is a row drawn at its guessed height, never measured.
 */
function rowGaps(region: Locator): Promise<number[]> {
  return region.evaluate((root) => {
    const rows = Array.from(root.querySelectorAll('[data-index]'), (row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    return rows.slice(1).map((row, i) => Math.round(row.top - rows[i]!.bottom)).filter((gap) => gap !== 0);
  });
}

async function openRoom(name: string, url = stage.server.url): Promise<{ page: Page; log: Locator }> {
  const page = await stage.newPage();
  await signIn(page, url, alice);
  await (await visible(page.getByRole('link', { name: new RegExp(`^${name}`) }))).click();
  await visible(composer(page, name));
  return { page, log: messageLog(page, name) };
}

describe('a long timeline in the browser', () => {
  let aliceApi: Client;

  beforeAll(async () => {
    aliceApi = await register(alice.username, alice.displayName, alice.password);
  });

  it('keeps the DOM bounded while scrolling through 2,000 messages, and shows every one of them in order', TEST_TIMEOUT, async () => {
    const started = Date.now();
    const bot = await register('archivist', 'Archive Bot');
    const room = await bot.room.create.mutate({ name: 'Archive', topic: 'Two thousand messages' });
    const sent = await sendConcurrently(bot, room.id, bodies('Bulk', 2_000, 4), 50);
    expect(sent).toHaveLength(2_000);
    const seeded = Date.now();
    // Joining after the messages were sent: they count as read, so the room opens at the newest.
    await aliceApi.room.join.mutate({ roomId: room.id });
    const oldest = sent[0]!;
    const newest = sent.at(-1)!;

    const { page, log } = await openRoom('Archive');
    const journey = new Journey(log, /Bulk \d{4}/);
    await expect.poll(async () => (await journey.look('opening')).visibleIds.has(newest.id), { timeout: 30_000 }).toBe(true);
    expect(await inViewport(log.getByText(newest.body, { exact: true }))).toBe(true);

    const up = await journey.scroll(page, 'up', (sample) => sample.visibleIds.has(oldest.id), { deadline: started + SCROLL_UP_BY_MS });
    expect.soft(up.reached, `the oldest message (${oldest.body}) came into view (${up.steps} wheel steps; ${up.stopped})`).toBe(true);
    if (up.reached) expect.soft(await inViewport(log.getByText(oldest.body, { exact: true }))).toBe(true);
    const scrolledUp = Date.now();

    // Half way back down by wheel, then the rest of the way by the button.
    const half = Math.ceil(up.steps / 2);
    await journey.scroll(page, 'down', (sample) => sample.visibleIds.has(newest.id), { maxSteps: half, deadline: started + SCROLL_DOWN_BY_MS });
    const jump = page.getByRole('button', { name: 'Jump to latest' });
    if (await jump.isVisible()) await jump.click();
    await expect
      .poll(async () => (await journey.look('after Jump to latest')).visibleIds.has(newest.id), { timeout: 30_000 })
      .toBe(true);
    expect.soft(await inViewport(log.getByText(newest.body, { exact: true }))).toBe(true);
    const atEnd = await journey.look('back at the newest');

    // The numbers are what this test is about: they are printed even when it passes.
    console.info(
      `2,000 messages: seeded in ${seeded - started} ms; ${up.steps} wheel steps up in ${scrolledUp - seeded} ms; ${journey.summary()}; whole test ${Date.now() - started} ms`,
    );

    const { missing, wrong, shownTwice } = journey.compare(sent);
    expect.soft(journey.maxMessages.count, `message elements at once, at most (${journey.maxMessages.at})`).toBeLessThanOrEqual(MAX_MESSAGE_ELEMENTS);
    expect.soft(journey.maxElements.count, `document elements at once, at most (${journey.maxElements.at})`).toBeLessThanOrEqual(MAX_DOCUMENT_ELEMENTS);
    expect.soft(atEnd.messages, 'message elements back at the newest').toBeLessThanOrEqual(MAX_MESSAGE_ELEMENTS);
    expect.soft(atEnd.elements, 'document elements back at the newest').toBeLessThanOrEqual(MAX_DOCUMENT_ELEMENTS);
    expect.soft(missing.slice(0, 20), `${missing.length} of 2,000 messages were never in the DOM`).toEqual([]);
    expect.soft(wrong.slice(0, 20), `${wrong.length} messages shown with another seq or body`).toEqual([]);
    expect.soft(shownTwice.slice(0, 20), 'bodies shown under more than one message id').toEqual([]);
    expect.soft(journey.problems, 'duplicates or disorder at some moment').toEqual([]);
    await page.context().close();
  });

  it('shows a burst of 500 messages complete and in order', TEST_TIMEOUT, async () => {
    const started = Date.now();
    const bot = await register('burster', 'Burst Bot');
    const room = await bot.room.create.mutate({ name: 'Burst', topic: 'Five hundred at once' });
    await aliceApi.room.join.mutate({ roomId: room.id });
    const { page, log } = await openRoom('Burst');
    const journey = new Journey(log, /Burst \d{3}/);
    // The room is open and live before the burst: a first message arrives and shows at the bottom.
    const hello = (await sendConcurrently(bot, room.id, ['Burst coming up'], 1))[0]!;
    await expect.poll(async () => (await journey.look('before the burst')).visibleIds.has(hello.id), { timeout: 30_000 }).toBe(true);

    // The page is watched all through the burst, so a message doubled for a moment is caught too.
    let sending = true;
    const watching = (async () => {
      while (sending) await journey.look('during the burst');
    })();
    const sendStart = Date.now();
    const sent = await sendPaced(bot, room.id, bodies('Burst', 500, 3), 200, 25).finally(() => (sending = false));
    const sendMs = Date.now() - sendStart;
    await watching;
    expect(sent).toHaveLength(500);
    const oldest = sent[0]!;
    const newest = sent.at(-1)!;

    const arrivalStart = Date.now();
    await expect.poll(async () => (await journey.look('waiting for the newest')).visibleIds.has(newest.id), { timeout: 30_000 }).toBe(true);
    const arrivalMs = Date.now() - arrivalStart;
    expect(await inViewport(log.getByText(newest.body, { exact: true }))).toBe(true);

    const up = await journey.scroll(page, 'up', (sample) => sample.visibleIds.has(oldest.id), { deadline: started + SCROLL_UP_BY_MS });
    expect.soft(up.reached, `the first of the burst (${oldest.body}) came into view (${up.steps} wheel steps; ${up.stopped})`).toBe(true);

    // The numbers are what this test is about: they are printed even when it passes.
    console.info(
      `burst of 500: sent in ${sendMs} ms (${Math.round(500_000 / sendMs)}/s); newest shown ${arrivalMs} ms after the last send; ${up.steps} wheel steps up; ${journey.summary()}; whole test ${Date.now() - started} ms`,
    );

    const { missing, wrong, shownTwice } = journey.compare(sent);
    expect.soft(missing.slice(0, 20), `${missing.length} of 500 messages were never in the DOM`).toEqual([]);
    expect.soft(wrong.slice(0, 20), `${wrong.length} messages shown with another seq or body`).toEqual([]);
    expect.soft(shownTwice.slice(0, 20), 'bodies shown under more than one message id').toEqual([]);
    expect.soft(journey.problems, 'duplicates or disorder at some moment').toEqual([]);
    const unexpected = [...journey.seen].filter(([id]) => id !== hello.id && !sent.some((m) => m.id === id));
    expect.soft(unexpected, 'messages nobody sent').toEqual([]);
    await page.context().close();
  });

  it('catches up on 1,000 messages missed while the network was down: the newest is shown, and every one is there in order', TEST_TIMEOUT, async () => {
    const started = Date.now();
    const bot = await register('nightshift', 'Night Bot');
    const room = await bot.room.create.mutate({ name: 'Overnight', topic: 'Missed while away' });
    await aliceApi.room.join.mutate({ roomId: room.id });
    // A real network in between, taken away and given back: the page's socket dies and its
    // next attempt waits, as on a laptop that lost its Wi-Fi.
    const network = await startProxy(stage.server.url);
    try {
      const { page, log } = await openRoom('Overnight', network.url);
      const journey = new Journey(log, /Night \d{4}/);
      const hello = (await sendConcurrently(bot, room.id, ['Good night'], 1))[0]!;
      await expect.poll(async () => (await journey.look('before the drop')).visibleIds.has(hello.id), { timeout: 30_000 }).toBe(true);

      network.drop();
      const sent = await sendConcurrently(bot, room.id, bodies('Night', 1_000, 4), 50);
      expect(sent).toHaveLength(1_000);
      const oldest = sent[0]!;
      const newest = sent.at(-1)!;
      const restored = Date.now();
      network.restore();
      await expect.poll(async () => (await journey.look('catching up')).visibleIds.has(newest.id), { timeout: 30_000 }).toBe(true);
      const caughtUpMs = Date.now() - restored;

      const up = await journey.scroll(page, 'up', (sample) => sample.visibleIds.has(oldest.id), { deadline: started + SCROLL_UP_BY_MS });
      expect.soft(up.reached, `the first missed message (${oldest.body}) came into view (${up.steps} wheel steps; ${up.stopped})`).toBe(true);
      console.info(`catch-up of 1,000: newest shown ${caughtUpMs} ms after the network came back; ${up.steps} wheel steps up; ${journey.summary()}; whole test ${Date.now() - started} ms`);

      const { missing, wrong, shownTwice } = journey.compare(sent);
      expect.soft(missing.slice(0, 20), `${missing.length} of 1,000 messages were never in the DOM`).toEqual([]);
      expect.soft(wrong.slice(0, 20), `${wrong.length} messages shown with another seq or body`).toEqual([]);
      expect.soft(shownTwice.slice(0, 20), 'bodies shown under more than one message id').toEqual([]);
      expect.soft(journey.problems, 'duplicates or disorder at some moment').toEqual([]);
      await page.context().close();
    } finally {
      await network.close();
    }
  });

  it('opens a room with more unread than a page at the read marker, and goes back there after "Jump to latest"', TEST_TIMEOUT, async () => {
    const bot = await register('backlogger', 'Backlog Bot');
    const room = await bot.room.create.mutate({ name: 'Backlog', topic: 'Left unread' });
    const read = await sendConcurrently(bot, room.id, bodies('Read', 40, 3), 10);
    // Joining after these: they count as read, so the marker sits on the last of them.
    await aliceApi.room.join.mutate({ roomId: room.id });
    const unread = await sendConcurrently(bot, room.id, bodies('Unread', 300, 3), 50);

    const { page, log } = await openRoom('Backlog');
    const divider = log.getByRole('listitem', { name: 'New messages' });
    const firstUnread = log.getByText(unread[0]!.body, { exact: true });
    const newest = log.getByText(unread.at(-1)!.body, { exact: true });
    await expect.poll(() => inViewport(firstUnread), { timeout: 30_000 }).toBe(true);
    expect(await inViewport(divider)).toBe(true);
    // A few read ones above it for context; the newest are not even read yet.
    const items = await log.getByRole('listitem').allTextContents();
    const at = items.indexOf('New messages');
    expect(items[at - 1]).toContain(read.at(-1)!.body);
    expect(items[at + 1]).toContain(unread[0]!.body);
    expect(await newest.count()).toBe(0);
    // Each row says where it stands in the room, and who wrote it even without a header.
    const second = log.locator(`[data-message-id="${unread[1]!.id}"]`);
    expect(await second.getAttribute('aria-posinset')).toBe(String(unread[1]!.seq));
    expect(await second.textContent()).toContain('Backlog Bot');

    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => inViewport(newest), VISIBLE).toBe(true);
    const back = page.getByRole('button', { name: /^New messages since / });
    await visible(back);
    await back.click();
    await expect.poll(() => inViewport(firstUnread), VISIBLE).toBe(true);
    expect(await inViewport(divider)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(unread[0]!.body);
    await expect.poll(() => back.isVisible(), VISIBLE).toBe(false);

    // Reading on past it by wheel: the way back is not offered again.
    await log.hover();
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 500);
    await expect.poll(() => inViewport(divider), VISIBLE).toBe(false);
    await sleep(300);
    expect(await back.isVisible()).toBe(false);
    await page.context().close();
  });

  it('"Jump to latest" from far up lands on the newest with every row measured', TEST_TIMEOUT, async () => {
    const bot = await register('storyteller', 'Story Bot');
    const room = await bot.room.create.mutate({ name: 'Longread', topic: 'Scrolled back and forth' });
    const sent = await sendConcurrently(bot, room.id, bodies('Story', 150, 3), 25);
    await aliceApi.room.join.mutate({ roomId: room.id });

    const { page, log } = await openRoom('Longread');
    const journey = new Journey(log, /Story \d{3}/);
    await expect.poll(async () => (await journey.look('opening')).visibleIds.has(sent.at(-1)!.id), { timeout: 30_000 }).toBe(true);
    // Several screens up, while more arrive below: rows the reader has never had drawn.
    await journey.scroll(page, 'up', () => false, { maxSteps: 8 });
    const later = await sendConcurrently(bot, room.id, bodies('Later', 40, 3), 1);
    await expect.poll(() => log.locator(`[data-message-id="${later.at(-1)!.id}"]`).count(), VISIBLE).toBe(0);
    await sleep(1_000);

    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => inViewport(log.getByText(later.at(-1)!.body, { exact: true })), VISIBLE).toBe(true);
    await sleep(500);
    expect(await rowGaps(log), 'gaps between the rows drawn').toEqual([]);
    await page.context().close();
  });
});
