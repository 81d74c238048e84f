import { describe, expect, it } from 'vitest';
import { alice, bob, message } from '../test/fixtures.ts';
import { caughtUp, firstUnread, unreadAfter } from './newMessages.ts';

const fromBob = (seq: number, extra = {}) => message(seq, { author: bob, ...extra });

describe('firstUnread', () => {
  it('puts the divider before the first message after my read marker, skipping mine and deleted ones', () => {
    const messages = [fromBob(1), fromBob(2), message(3), fromBob(4, { deleted: true }), fromBob(5), fromBob(6)];
    expect(firstUnread(messages, 2, alice.id)?.id).toBe('5');
    expect(firstUnread(messages, 0, alice.id)?.id).toBe('1');
  });

  it('stays at the marker however many of the unread were deleted since they were counted', () => {
    expect(firstUnread([fromBob(1), fromBob(2), fromBob(3, { deleted: true })], 1, alice.id)?.id).toBe('2');
  });

  it('shows no divider with nothing unread, or without a marker', () => {
    expect(firstUnread([fromBob(1)], 1, alice.id)).toBeNull();
    expect(firstUnread([fromBob(1)], null, alice.id)).toBeNull();
  });
});

describe('unreadAfter', () => {
  it("counts other people's live messages after what I have seen", () => {
    expect(unreadAfter([fromBob(1), fromBob(2), message(3), fromBob(4, { deleted: true }), fromBob(5)], 1, alice.id)).toBe(2);
  });
});

describe('caughtUp', () => {
  it('waits for the newest message the room list knows of', () => {
    expect(caughtUp([fromBob(1), fromBob(2)], message(2).createdAt)).toBe(true);
    expect(caughtUp([fromBob(1)], message(2).createdAt)).toBe(false);
    expect(caughtUp([], null)).toBe(true);
    expect(caughtUp([], message(1).createdAt)).toBe(false);
  });
});
