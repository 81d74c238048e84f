import { describe, expect, it } from 'vitest';
import { alice, message, notice } from '../test/fixtures.ts';
import { isNewDay, showsHeader, startsGroup } from './messageGroups.ts';

const at = (h: number, m: number, day = 10) => new Date(2026, 2, day, h, m).toISOString();

describe('startsGroup', () => {
  it('groups one author within five minutes', () => {
    expect(startsGroup({ authorId: '1', createdAt: at(9, 0) }, { authorId: '1', createdAt: at(9, 4) })).toBe(false);
  });

  it('starts a new group on a new author, a long pause, or the first message', () => {
    expect(startsGroup(undefined, { authorId: '1', createdAt: at(9, 0) })).toBe(true);
    expect(startsGroup({ authorId: '1', createdAt: at(9, 0) }, { authorId: '2', createdAt: at(9, 1) })).toBe(true);
    expect(startsGroup({ authorId: '1', createdAt: at(9, 0) }, { authorId: '1', createdAt: at(9, 6) })).toBe(true);
  });

  it('starts a new group on a new day even within five minutes', () => {
    const prev = { authorId: '1', createdAt: at(23, 58, 10) };
    const next = { authorId: '1', createdAt: at(0, 1, 11) };
    expect(isNewDay(prev, next)).toBe(true);
    expect(startsGroup(prev, next)).toBe(true);
  });
});

describe('showsHeader', () => {
  const quote = (id: string) => ({ id, author: alice, excerpt: 'lunch?', deleted: false });

  it('shows who wrote a reply over its quote, except in the panel of the thread it quotes the start of', () => {
    const prev = message(1);
    expect(showsHeader(prev, message(2), null)).toBe(false);
    expect(showsHeader(prev, message(2, { replyTo: quote('1') }), null)).toBe(true);
    expect(showsHeader(prev, message(2, { replyTo: quote('1') }), '1')).toBe(false);
    expect(showsHeader(prev, message(3, { replyTo: quote('2') }), '1')).toBe(true);
  });

  it('starts afresh after a notice, even by the same author a moment later', () => {
    expect(showsHeader(notice(1, { kind: 'archived' }), message(2), null)).toBe(true);
  });
});
