import { describe, expect, it } from 'vitest';
import { alice, bob, message } from '../test/fixtures.ts';
import { firstUnreadId, unreadAfter } from './newMessages.ts';

const fromBob = (seq: number, extra = {}) => message(seq, { author: bob, ...extra });

describe('firstUnreadId', () => {
  it('puts the divider before the oldest unread message, skipping mine and deleted ones', () => {
    const messages = [fromBob(1), fromBob(2), message(3), fromBob(4, { deleted: true }), fromBob(5)];
    expect(firstUnreadId(messages, 2, alice.id)).toBe('2');
  });

  it('shows no divider with nothing unread', () => {
    expect(firstUnreadId([fromBob(1)], 0, alice.id)).toBeNull();
  });

  it('puts it at the top when more are unread than loaded', () => {
    expect(firstUnreadId([message(1), fromBob(2), fromBob(3)], 10, alice.id)).toBe('2');
  });
});

describe('unreadAfter', () => {
  it("counts other people's live messages after what I have seen", () => {
    expect(unreadAfter([fromBob(1), fromBob(2), message(3), fromBob(4, { deleted: true }), fromBob(5)], 1, alice.id)).toBe(2);
  });
});
