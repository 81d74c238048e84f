import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures.ts';
import { flattenHistory, type History, type HistoryPage } from './history.ts';
import { mergeEvent } from './mergeEvent.ts';

function page(seqs: number[], nextCursor: string | null, lastEventId = '0', newerCursor: string | null = null): HistoryPage {
  return { messages: seqs.map((s) => message(s)), nextCursor, newerCursor, lastEventId };
}

function history(...pages: HistoryPage[]): History {
  return { pages, pageParams: pages.map((_, i) => (i === 0 ? { before: null } : { before: String(i) })) };
}

const ids = (h: History) => flattenHistory(h).map((m) => m.id);

describe('mergeEvent', () => {
  it('appends a created message to the newest page', () => {
    const h = mergeEvent(history(page([3, 4], null)), { type: 'created', message: message(5) }, '5');
    expect(ids(h)).toEqual(['3', '4', '5']);
    expect(h.pages[0]?.lastEventId).toBe('5');
  });

  it('never duplicates a message delivered twice (mutation answer, then event, then replay)', () => {
    let h = history(page([1], null));
    h = mergeEvent(h, { type: 'created', message: message(2) });
    h = mergeEvent(h, { type: 'created', message: message(2) }, '2');
    h = mergeEvent(h, { type: 'created', message: message(2) }, '2');
    expect(ids(h)).toEqual(['1', '2']);
  });

  it('returns the same object when an event changes nothing', () => {
    const h = history(page([1, 2], null, '2'));
    expect(mergeEvent(h, { type: 'created', message: message(2) }, '2')).toBe(h);
  });

  it('replaces an edited message in whichever page holds it', () => {
    const h = history(page([3, 4], '3'), page([1, 2], null));
    const edited = message(1, { body: 'fixed', editedAt: '2026-01-01T13:00:00.000Z' });
    const next = mergeEvent(h, { type: 'updated', message: edited }, '9');
    expect(flattenHistory(next)[0]?.body).toBe('fixed');
    expect(next.pages[0]?.lastEventId).toBe('9');
    expect(next.pages[0]?.messages).toBe(h.pages[0]?.messages);
  });

  it('turns a deleted message into a tombstone that a late echo cannot revive', () => {
    let h = history(page([1, 2], null));
    h = mergeEvent(h, { type: 'deleted', message: message(2, { deleted: true, body: '' }) });
    h = mergeEvent(h, { type: 'created', message: message(2) });
    h = mergeEvent(h, { type: 'updated', message: message(2, { body: 'x', editedAt: '2026-01-02T00:00:00.000Z' }) });
    expect(flattenHistory(h)[1]).toMatchObject({ deleted: true, body: '' });
  });

  it('keeps a newer edit over an older one that arrives late', () => {
    let h = history(page([1], null));
    h = mergeEvent(h, { type: 'updated', message: message(1, { body: 'second', editedAt: '2026-01-01T12:10:00.000Z' }) });
    h = mergeEvent(h, { type: 'updated', message: message(1, { body: 'first', editedAt: '2026-01-01T12:05:00.000Z' }) });
    expect(flattenHistory(h)[0]?.body).toBe('second');
  });

  it('inserts out-of-order arrivals by seq', () => {
    let h = history(page([1, 2], null));
    h = mergeEvent(h, { type: 'created', message: message(5) });
    h = mergeEvent(h, { type: 'created', message: message(4) });
    h = mergeEvent(h, { type: 'created', message: message(3) });
    expect(ids(h)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('ignores events for messages older than the loaded span (they come with older pages)', () => {
    const h = history(page([10, 11], '10'));
    const next = mergeEvent(h, { type: 'updated', message: message(3, { body: 'old edit', editedAt: '2026-01-02T00:00:00.000Z' }) }, '12');
    expect(ids(next)).toEqual(['10', '11']);
    expect(next.pages[0]?.lastEventId).toBe('12');
  });

  it('leaves newer messages to newer pages while the cache is a window short of the newest, but applies edits inside it', () => {
    const detached = history(page([20, 21, 22], '20', '30', '22'));
    const later = mergeEvent(detached, { type: 'created', message: message(31) }, '31');
    expect(ids(later)).toEqual(['20', '21', '22']);
    expect(later.pages[0]?.lastEventId).toBe('31');
    const edited = mergeEvent(later, { type: 'updated', message: message(21, { body: 'fixed', editedAt: '2026-01-02T00:00:00.000Z' }) }, '32');
    expect(flattenHistory(edited)[1]?.body).toBe('fixed');
    // Once a newer page reaches the newest message, live ones are appended again.
    const joined = history(page([23, 31], '23', '32'), ...edited.pages);
    expect(ids(mergeEvent(joined, { type: 'created', message: message(33) }, '33'))).toEqual(['20', '21', '22', '23', '31', '33']);
  });

  it('inserts into an empty room', () => {
    const h = mergeEvent(history(page([], null)), { type: 'created', message: message(1) }, '1');
    expect(ids(h)).toEqual(['1']);
  });
});

describe('flattenHistory', () => {
  it('orders pages oldest first and drops repeated ids', () => {
    const h = history(page([3, 4], '3'), page([1, 2, 3], null));
    expect(ids(h)).toEqual(['1', '2', '3', '4']);
  });

  it('is empty before the first page arrives', () => {
    expect(flattenHistory(undefined)).toEqual([]);
  });
});
