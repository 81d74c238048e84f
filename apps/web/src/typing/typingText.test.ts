import { describe, expect, it } from 'vitest';
import { alice, bob } from '../test/fixtures.ts';
import { typingText } from './typingText.ts';

const carol = { id: '3', username: 'carol', displayName: 'Carol' };

describe('typingText', () => {
  it('leaves me out', () => {
    expect(typingText([alice], alice.id)).toBeNull();
    expect(typingText([alice, bob], alice.id)).toBe('Bob is typing…');
  });

  it('names two and summarises more', () => {
    expect(typingText([bob, carol], alice.id)).toBe('Bob and Carol are typing…');
    expect(typingText([alice, bob, carol, { ...carol, id: '4' }], alice.id)).toBe('Several people are typing…');
  });
});
