import type { User } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob } from '../test/fixtures.ts';
import { completeMention, mentionAt, mentionCandidates } from './mentions.ts';

const ana: User = { id: '3', username: 'ana', displayName: 'Ana Lopez' };
const bea: User = { id: '4', username: 'bea', displayName: 'Beatriz Anand' };

describe('mentionAt', () => {
  it('finds the name being typed after an @', () => {
    expect(mentionAt('hi @An', 6)).toEqual({ start: 3, query: 'an' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('ignores e-mail addresses and finished words', () => {
    expect(mentionAt('me@an', 5)).toBeNull();
    expect(mentionAt('hi @ana ', 8)).toBeNull();
  });
});

describe('mentionCandidates', () => {
  it('matches usernames first, then words of display names, and never me', () => {
    const people = [alice, bob, ana, bea];
    expect(mentionCandidates(people, 'an', alice.id).map((u) => u.username)).toEqual(['ana', 'bea']);
    expect(mentionCandidates(people, 'al', alice.id)).toEqual([]);
  });
});

describe('completeMention', () => {
  it('replaces the partial name and puts the caret after a space', () => {
    expect(completeMention('hi @an', 6, { start: 3, query: 'an' }, 'ana')).toEqual({ text: 'hi @ana ', caret: 8 });
    expect(completeMention('hi @an there', 6, { start: 3, query: 'an' }, 'ana')).toEqual({ text: 'hi @ana there', caret: 8 });
  });
});
