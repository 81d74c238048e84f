import type { Room } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob, message, room as roomFixture } from '../test/fixtures.ts';
import { shouldNotify } from './shouldNotify.ts';

const room = (kind: Room['kind']): Room => roomFixture({ kind, name: 'x' });
const created = (body: string, author = bob) => ({ type: 'created' as const, message: message(1, { body, author }) });
const now = Date.parse(message(1).createdAt) + 1_000;

describe('shouldNotify', () => {
  it('notifies of direct messages and mentions while the tab is hidden', () => {
    expect(shouldNotify(created('hi'), room('direct'), alice, true, now)).toBe(true);
    expect(shouldNotify(created('ping @alice'), room('public'), alice, true, now)).toBe(true);
  });

  it('notifies of a reply to me, and of no reaction or pin, even in a direct room', () => {
    const reply = { type: 'created' as const, message: message(2, { author: bob, replyTo: { id: '1', author: alice, excerpt: 'lunch?', deleted: false } }) };
    expect(shouldNotify(reply, room('public'), alice, true, now)).toBe(true);
    expect(shouldNotify({ type: 'reacted', message: message(1), by: bob, emoji: '👍' }, room('direct'), alice, true, now)).toBe(false);
    expect(shouldNotify({ type: 'pinned', message: message(1), by: bob }, room('direct'), alice, true, now)).toBe(false);
  });

  it('stays quiet for ordinary room chatter, my own words, a visible tab and old replays', () => {
    expect(shouldNotify(created('hi all'), room('public'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('hi', alice), room('direct'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('hi'), room('direct'), alice, false, now)).toBe(false);
    expect(shouldNotify(created('hi'), room('direct'), alice, true, now + 3_600_000)).toBe(false);
    expect(shouldNotify({ ...created('hi'), type: 'updated' }, room('direct'), alice, true, now)).toBe(false);
  });
});
