import { describe, expect, it } from 'vitest';
import { alice, message } from '../test/fixtures.ts';
import { currentQuote, quoteOf, repliesLabel } from './replies.ts';

describe('replies', () => {
  it('count a thread in words', () => {
    expect([1, 2].map(repliesLabel)).toEqual(['1 reply', '2 replies']);
  });

  it('quote the first 200 characters, counting an emoji as one', () => {
    expect(quoteOf(message(1, { body: 'lunch?' }))).toEqual({ id: '1', author: alice, excerpt: 'lunch?', deleted: false });
    expect(quoteOf(message(1, { body: `${'🙂'.repeat(199)}ab` })).excerpt).toBe(`${'🙂'.repeat(199)}a`);
    expect(quoteOf(message(1, { deleted: true, body: '' }))).toMatchObject({ excerpt: '', deleted: true });
  });

  it('follow the answered message when it is loaded, and keep what the reply came with otherwise', () => {
    const quote = quoteOf(message(1, { body: 'before' }));
    expect(currentQuote(quote, undefined)).toBe(quote);
    expect(currentQuote(quote, message(1, { body: 'after', editedAt: '2026-01-01T13:00:00.000Z' })).excerpt).toBe('after');
    expect(currentQuote(quote, message(1, { deleted: true, body: '' })).deleted).toBe(true);
  });
});
