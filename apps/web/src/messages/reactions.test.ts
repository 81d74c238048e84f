import { emoji, MAX_REACTIONS_PER_MESSAGE, type Reaction, type User } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob } from '../test/fixtures.ts';
import { canAddReaction, EMOJI_CHOICES, reactedBy, reactedByMe } from './reactions.ts';

const people = (n: number): User[] => Array.from({ length: n }, (_, i) => ({ id: String(100 + i), username: `u${i}`, displayName: `User ${i}` }));

describe('reactions', () => {
  it('names who reacted, and counts those beyond the names shown or listed', () => {
    expect(reactedBy({ emoji: '👍', count: 2, users: [alice, bob] })).toBe('Alice, Bob');
    expect(reactedBy({ emoji: '👍', count: 3, users: [alice, bob] })).toBe('Alice, Bob and 1 other');
    const many: Reaction = { emoji: '👍', count: 25, users: people(20) };
    expect(reactedBy(many)).toBe(`${people(10).map((u) => u.displayName).join(', ')} and 15 others`);
    expect(reactedBy({ emoji: '👍', count: 4, users: [] })).toBe('4 others');
  });

  it('tells whether I reacted', () => {
    expect(reactedByMe({ emoji: '👍', count: 2, users: [alice, bob] }, bob.id)).toBe(true);
    expect(reactedByMe({ emoji: '👍', count: 1, users: [alice] }, bob.id)).toBe(false);
  });

  it('lets a full message take more of the emoji it has, and no new one', () => {
    const full = people(MAX_REACTIONS_PER_MESSAGE).map((u, i) => ({ emoji: String.fromCodePoint(0x1f600 + i), count: 1, users: [u] }));
    expect(canAddReaction(full, '😀')).toBe(true);
    expect(canAddReaction(full, '🚀')).toBe(false);
    expect(canAddReaction(full.slice(1), '🚀')).toBe(true);
  });

  it('offers only emoji the server takes, each once', () => {
    for (const choice of EMOJI_CHOICES) expect(emoji.safeParse(choice.emoji).success, choice.name).toBe(true);
    expect(new Set(EMOJI_CHOICES.map((c) => c.emoji)).size).toBe(EMOJI_CHOICES.length);
  });
});
