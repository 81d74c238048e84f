import type { Message, RoomEvent, ThreadPage } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { bob, message } from '../test/fixtures.ts';
import { ThreadTimeline } from './threadTimeline.ts';

const root = (overrides: Partial<Message> = {}) => message(1, overrides);
const reply = (seq: number, overrides: Partial<Message> = {}) => message(seq, { threadRootId: '1', ...overrides });
const page = (replies: number[], nextCursor: string | null, overrides: Partial<ThreadPage> = {}): ThreadPage => ({
  root: root({ replyCount: replies.length }),
  replies: replies.map((s) => reply(s)),
  nextCursor,
  lastReadSeq: 0,
  ...overrides,
});
const events = (...list: RoomEvent[]) => list.map((event) => ({ event }));
const ids = (t: ThreadTimeline) => t.replies.map((m) => m.id);

/** A server of thread pages the test hands out one by one, recording the cursors asked for. */
function opened() {
  const asked: (string | null)[] = [];
  const waiting: ((page: ThreadPage) => void)[] = [];
  const thread = new ThreadTimeline('1', (before) => {
    asked.push(before);
    return new Promise((resolve) => waiting.push(resolve));
  });
  thread.open();
  const answer = async (next: ThreadPage) => {
    waiting.shift()?.(next);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { thread, asked, answer };
}

describe('ThreadTimeline', () => {
  it('reads the newest replies with my read marker, then older ones before them', async () => {
    const { thread, asked, answer } = opened();
    expect(thread.status).toBe('loading');
    await answer(page([5, 6], '5', { lastReadSeq: 5 }));
    expect(thread).toMatchObject({ status: 'ready', olderCursor: '5', lastReadSeq: 5 });
    expect(ids(thread)).toEqual(['5', '6']);
    thread.loadOlder();
    await answer(page([3, 4], null));
    expect(asked).toEqual([null, '5']);
    expect(ids(thread)).toEqual(['3', '4', '5', '6']);
    expect(thread.olderCursor).toBeNull();
  });

  it("appends the thread's new replies and counts them on its root, ignoring the room's other messages", async () => {
    const { thread, answer } = opened();
    await answer(page([2], null));
    thread.apply(events({ type: 'created', message: reply(3) }, { type: 'created', message: message(4) }, { type: 'created', message: reply(3) }));
    expect(ids(thread)).toEqual(['2', '3']);
    expect(thread.root?.replyCount).toBe(2);
    thread.apply(events({ type: 'deleted', message: reply(2, { deleted: true, body: '' }) }));
    expect(thread.root?.replyCount).toBe(1);
    expect(thread.replies[0]?.deleted).toBe(true);
  });

  it('replaces the root and replies on reactions and pins, in the order the events come', async () => {
    const { thread, answer } = opened();
    await answer(page([2], null));
    const thumbs = (count: number) => [{ emoji: '👍', count, users: [bob] }];
    thread.apply(events({ type: 'reacted', message: reply(2, { reactions: thumbs(1) }), by: bob, emoji: '👍' }));
    thread.apply(events({ type: 'pinned', message: root({ replyCount: 1, pinned: { by: bob, at: '2026-01-01T13:00:00.000Z' } }), by: bob }));
    expect(thread.replies[0]?.reactions).toEqual(thumbs(1));
    expect(thread.root?.pinned?.by).toEqual(bob);
  });

  it('holds the events that arrive while a page is read, so none is lost or counted twice', async () => {
    const { thread, answer } = opened();
    // Reply 3 was read with the page; reply 4 came after the read.
    thread.apply(events({ type: 'created', message: reply(3) }, { type: 'created', message: reply(4) }));
    await answer(page([2, 3], null));
    expect(ids(thread)).toEqual(['2', '3', '4']);
    expect(thread.root?.replyCount).toBe(3);
  });

  it('shows a failed read as an error that can be retried', async () => {
    let fail = true;
    const thread = new ThreadTimeline('1', async () => {
      if (fail) throw new Error('offline');
      return page([2], null);
    });
    thread.open();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(thread.status).toBe('error');
    fail = false;
    thread.retry();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(thread.status).toBe('ready');
  });
});
