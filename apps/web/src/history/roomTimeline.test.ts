import type { RoomEvent } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob, message } from '../test/fixtures.ts';
import { RoomTimeline, type HistoryPage, type PageRequest } from './roomTimeline.ts';

function page(seqs: number[], nextCursor: string | null, lastEventId = '0', newerCursor: string | null = null): HistoryPage {
  return { messages: seqs.map((s) => message(s)), nextCursor, newerCursor, lastEventId };
}

/** A server of pages the test hands out one by one, recording what was asked. */
function pages() {
  const asked: PageRequest[] = [];
  const waiting: ((page: HistoryPage) => void)[] = [];
  return {
    asked,
    fetch: (request: PageRequest) => {
      asked.push(request);
      return new Promise<HistoryPage>((resolve) => waiting.push(resolve));
    },
    async answer(answer: HistoryPage) {
      waiting.shift()?.(answer);
      // Let the timeline's await and finally run.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

async function loaded(first: HistoryPage) {
  const server = pages();
  const timeline = new RoomTimeline(server.fetch);
  timeline.open();
  await server.answer(first);
  return { timeline, server };
}

const ids = (t: RoomTimeline) => t.messages.map((m) => m.id);
const created = (seq: number, eventId?: string) => ({ event: { type: 'created', message: message(seq) } as RoomEvent, eventId: eventId ?? String(seq) });
const event = (e: RoomEvent, eventId?: string) => ({ event: e, eventId });

describe('RoomTimeline', () => {
  it('opens at the newest page and resumes after its newest event', async () => {
    const { timeline, server } = await loaded(page([3, 4], '3', '7'));
    expect(server.asked).toEqual([{ before: null }]);
    expect(ids(timeline)).toEqual(['3', '4']);
    expect(timeline).toMatchObject({ status: 'ready', olderCursor: '3', newerCursor: null, lastEventId: '7' });
  });

  it('appends a created message and moves the resume point, in one revision per batch', async () => {
    const { timeline } = await loaded(page([3, 4], null));
    const before = timeline.revision;
    timeline.apply([created(5), created(6)]);
    expect(ids(timeline)).toEqual(['3', '4', '5', '6']);
    expect(timeline.lastEventId).toBe('6');
    expect(timeline.revision).toBe(before + 1);
  });

  it('never duplicates a message delivered twice (mutation answer, then event, then replay)', async () => {
    const { timeline } = await loaded(page([1], null));
    timeline.apply([{ event: { type: 'created', message: message(2) }, eventId: undefined }]);
    timeline.apply([created(2), created(2)]);
    expect(ids(timeline)).toEqual(['1', '2']);
    expect(timeline.hasClientMsgId('c2')).toBe(true);
  });

  it('replaces an edited message where it is, keeping the array', async () => {
    const { timeline } = await loaded(page([1, 2, 3], null));
    const array = timeline.messages;
    timeline.apply([event({ type: 'updated', message: message(2, { body: 'fixed', editedAt: '2026-01-01T13:00:00.000Z' }) }, '9')]);
    expect(timeline.messages[1]?.body).toBe('fixed');
    expect(timeline.get('2')?.body).toBe('fixed');
    expect(timeline.messages).toBe(array);
  });

  it('turns a deleted message into a tombstone that a late echo cannot revive', async () => {
    const { timeline } = await loaded(page([1, 2], null));
    timeline.apply([
      event({ type: 'deleted', message: message(2, { deleted: true, body: '' }) }),
      event({ type: 'created', message: message(2) }),
      event({ type: 'updated', message: message(2, { body: 'x', editedAt: '2026-01-02T00:00:00.000Z' }) }),
    ]);
    expect(timeline.messages[1]).toMatchObject({ deleted: true, body: '' });
  });

  it('keeps a newer edit over an older one that arrives late', async () => {
    const { timeline } = await loaded(page([1], null));
    timeline.apply([
      event({ type: 'updated', message: message(1, { body: 'second', editedAt: '2026-01-01T12:10:00.000Z' }) }),
      event({ type: 'updated', message: message(1, { body: 'first', editedAt: '2026-01-01T12:05:00.000Z' }) }),
    ]);
    expect(timeline.messages[0]?.body).toBe('second');
  });

  it('inserts out-of-order arrivals by seq', async () => {
    const { timeline } = await loaded(page([1, 2], null));
    timeline.apply([created(5), created(4), created(3)]);
    expect(ids(timeline)).toEqual(['1', '2', '3', '4', '5']);
    expect(timeline.indexOf('4')).toBe(3);
  });

  it('ignores events for messages older than the loaded span (they come with older pages)', async () => {
    const { timeline } = await loaded(page([10, 11], '10'));
    timeline.apply([event({ type: 'updated', message: message(3, { body: 'old edit', editedAt: '2026-01-02T00:00:00.000Z' }) }, '12')]);
    expect(ids(timeline)).toEqual(['10', '11']);
    expect(timeline.lastEventId).toBe('12');
  });

  it('leaves newer messages to newer pages while it is a window short of the newest, but applies edits inside it', async () => {
    const server = pages();
    const timeline = new RoomTimeline(server.fetch);
    timeline.showAround('21');
    await server.answer(page([20, 21, 22], '20', '30', '22'));
    timeline.apply([created(31)]);
    expect(ids(timeline)).toEqual(['20', '21', '22']);
    timeline.apply([event({ type: 'updated', message: message(21, { body: 'fixed', editedAt: '2026-01-02T00:00:00.000Z' }) }, '32')]);
    expect(timeline.messages[1]?.body).toBe('fixed');

    // Once a newer page reaches the newest message, live ones are appended again; that page is not followed.
    timeline.loadNewer();
    expect(server.asked.at(-1)).toEqual({ after: '22' });
    await server.answer(page([23, 31], '23', '32'));
    expect(timeline.followsAppends).toBe(false);
    timeline.apply([created(33)]);
    expect(ids(timeline)).toEqual(['20', '21', '22', '23', '31', '33']);
    expect(timeline.followsAppends).toBe(true);
  });

  it('holds events that arrive while a page is read, and merges them after it, so none is lost', async () => {
    const server = pages();
    const timeline = new RoomTimeline(server.fetch);
    timeline.showAround('21');
    await server.answer(page([20, 21, 22], '20', '30', '22'));
    timeline.loadNewer();
    // Read before message 24 was committed, but delivered after it: the held event fills the gap.
    timeline.apply([created(24)]);
    expect(ids(timeline)).toEqual(['20', '21', '22']);
    await server.answer(page([23], '23', '23'));
    expect(ids(timeline)).toEqual(['20', '21', '22', '23', '24']);
  });

  it('prepends older pages, merging what it already holds by version', async () => {
    const { timeline, server } = await loaded(page([3, 4], '3'));
    timeline.apply([event({ type: 'deleted', message: message(3, { deleted: true, body: '' }) }, '8')]);
    timeline.loadOlder();
    expect(server.asked.at(-1)).toEqual({ before: '3' });
    await server.answer(page([1, 2, 3], null));
    expect(ids(timeline)).toEqual(['1', '2', '3', '4']);
    expect(timeline.messages[2]?.deleted).toBe(true);
    expect(timeline.olderCursor).toBeNull();
  });

  it('drops a page of a span it has moved away from', async () => {
    const { timeline, server } = await loaded(page([10, 11], '10'));
    timeline.loadOlder();
    timeline.showAround('3');
    await server.answer(page([8, 9], '8'));
    await server.answer(page([2, 3, 4], '2', '11', '4'));
    expect(ids(timeline)).toEqual(['2', '3', '4']);
    expect(timeline.loadingOlder).toBe(false);
  });

  it('keeps a range and moves its cursors to the cuts, so the dropped pages can be read again', async () => {
    const { timeline, server } = await loaded(page([1, 2, 3, 4, 5, 6], null));
    timeline.keep(2, 4);
    expect(ids(timeline)).toEqual(['3', '4']);
    expect(timeline).toMatchObject({ olderCursor: '3', newerCursor: '4' });
    expect(timeline.has('1')).toBe(false);
    expect(timeline.hasClientMsgId('c6')).toBe(false);
    timeline.apply([created(7)]);
    expect(ids(timeline)).toEqual(['3', '4']);
    timeline.loadNewer();
    expect(server.asked.at(-1)).toEqual({ after: '4' });
  });

  it('finds the newest message up to a seq for the read marker', async () => {
    const { timeline } = await loaded(page([2, 4, 6], null));
    expect(timeline.newestUpTo(5)?.id).toBe('4');
    expect(timeline.newestUpTo(6)?.id).toBe('6');
    expect(timeline.newestUpTo(1)).toBeUndefined();
  });

  it('saves its newest messages only while it reaches the newest, and starts again from what it saved', async () => {
    const { timeline } = await loaded(page([1, 2, 3, 4], null, '4'));
    const snapshot = timeline.snapshot(2);
    expect(snapshot).toMatchObject({ olderCursor: '3', lastEventId: '4' });
    expect(snapshot?.messages.map((m) => m.id)).toEqual(['3', '4']);

    const restored = new RoomTimeline(() => Promise.reject(new Error('offline')), snapshot);
    expect(ids(restored)).toEqual(['3', '4']);
    expect(restored).toMatchObject({ status: 'ready', lastEventId: '4', olderCursor: '3' });
    restored.open();
    expect(restored.status).toBe('ready');

    timeline.keep(0, 2);
    expect(timeline.snapshot(2)).toBeNull();
  });

  it('shows a failed first read as an error that can be retried', async () => {
    let fail = true;
    const timeline = new RoomTimeline(async () => {
      if (fail) throw new Error('FORBIDDEN');
      return page([1], null);
    });
    timeline.open();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(timeline.status).toBe('error');
    fail = false;
    timeline.retry();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(timeline.status).toBe('ready');
  });
});

describe('RoomTimeline, reactions, pins and threads', () => {
  const thumbs = (seq: number, ...users: (typeof alice)[]) => message(seq, { reactions: users.length ? [{ emoji: '👍', count: users.length, users }] : [] });
  const reacted = (m: ReturnType<typeof message>, eventId: string) => event({ type: 'reacted', message: m, by: bob, emoji: '👍' }, eventId);
  const counts = (t: RoomTimeline) => t.messages.map((m) => m.reactions[0]?.count ?? 0);

  it('replaces a message on each reaction and pin in the order of the events, though its version stays the same', async () => {
    const { timeline } = await loaded(page([1, 2], null, '2'));
    timeline.apply([reacted(thumbs(1, alice), '3'), reacted(thumbs(1, alice, bob), '4')]);
    timeline.apply([event({ type: 'pinned', message: { ...thumbs(1, alice, bob), pinned: { by: bob, at: '2026-01-01T13:00:00.000Z' } }, by: bob }, '5')]);
    expect(counts(timeline)).toEqual([2, 0]);
    expect(timeline.messages[0]?.pinned?.by).toEqual(bob);
    // A replay of what it already has (a resumed subscription going back too far) undoes nothing.
    timeline.apply([reacted(thumbs(1, alice), '3')]);
    expect(counts(timeline)).toEqual([2, 0]);
    expect(timeline.messages[0]?.pinned).not.toBeNull();
  });

  it('keeps a page read after an event that arrives while the page is read', async () => {
    const server = pages();
    const timeline = new RoomTimeline(server.fetch);
    timeline.showAround('2');
    // Read at event 6, with both reactions; the first one's event is delivered only now.
    timeline.apply([reacted(thumbs(2, alice), '5')]);
    await server.answer({ ...page([1, 2], null, '6'), messages: [message(1), thumbs(2, alice, bob)] });
    expect(counts(timeline)).toEqual([0, 2]);
    timeline.apply([reacted(thumbs(2, alice, bob, alice), '7')]);
    expect(counts(timeline)).toEqual([0, 3]);
  });

  it("never lets a mutation's answer undo a reaction that came after it", async () => {
    const { timeline } = await loaded(page([1], null, '1'));
    timeline.apply([reacted(thumbs(1, alice), '2')]);
    timeline.apply([{ event: { type: 'updated', message: message(1) }, eventId: undefined }]);
    expect(counts(timeline)).toEqual([1]);
  });

  it("counts a thread's new replies on its root, once however often each arrives, and its deleted ones off", async () => {
    const { timeline } = await loaded(page([1, 2], null, '2'));
    const reply = (seq: number, overrides = {}) => message(seq, { threadRootId: '1', ...overrides });
    // My reply's answer, then its event; then someone else's reply, replayed.
    timeline.apply([{ event: { type: 'created', message: reply(3) }, eventId: undefined }]);
    timeline.apply([event({ type: 'created', message: reply(3) }, '3'), event({ type: 'created', message: reply(4) }, '4')]);
    timeline.apply([event({ type: 'created', message: reply(4) }, '4')]);
    expect(timeline.get('1')?.replyCount).toBe(2);
    timeline.apply([event({ type: 'deleted', message: reply(4, { deleted: true, body: '' }) }, '5')]);
    timeline.apply([event({ type: 'deleted', message: reply(4, { deleted: true, body: '' }) }, '5')]);
    expect(timeline.get('1')?.replyCount).toBe(1);
    // A reaction to a reply is no new reply.
    timeline.apply([reacted(reply(3, { reactions: [{ emoji: '👍', count: 1, users: [bob] }] }), '6')]);
    expect(timeline.get('1')?.replyCount).toBe(1);
  });

  it('does not count a reply twice on a root read after it', async () => {
    const { timeline, server } = await loaded(page([5, 6], '5', '6'));
    timeline.loadOlder();
    // The older page was read at event 7: its root counts the reply, whose event comes after it.
    await server.answer({ ...page([1], null, '7'), messages: [message(1, { replyCount: 1 })] });
    timeline.apply([event({ type: 'created', message: message(7, { threadRootId: '1' }) }, '7')]);
    expect(ids(timeline)).toEqual(['1', '5', '6', '7']);
    expect(timeline.get('1')?.replyCount).toBe(1);
  });
});
