import type { NotificationLevel } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { alice, bob, message, room as roomFixture } from '../test/fixtures.ts';
import { shouldNotify } from './shouldNotify.ts';

const room = (notificationLevel: NotificationLevel) => roomFixture({ name: 'x', notificationLevel });
const created = (body: string, author = bob) => ({ type: 'created' as const, message: message(1, { body, author }) });
const reply = { type: 'created' as const, message: message(2, { author: bob, replyTo: { id: '1', author: alice, excerpt: 'lunch?', deleted: false } }) };
const now = Date.parse(message(1).createdAt) + 1_000;

describe('shouldNotify', () => {
  it('at "all", notifies of every new message from others while the tab is hidden', () => {
    expect(shouldNotify(created('hi all'), room('all'), alice, true, now)).toBe(true);
    expect(shouldNotify(created('ping @alice'), room('all'), alice, true, now)).toBe(true);
  });

  it('at "mentions", only of @me and of replies to me', () => {
    expect(shouldNotify(created('hi all'), room('mentions'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('ping @alice'), room('mentions'), alice, true, now)).toBe(true);
    expect(shouldNotify(created('ping @bob'), room('mentions'), alice, true, now)).toBe(false);
    expect(shouldNotify(reply, room('mentions'), alice, true, now)).toBe(true);
  });

  it('at "muted", of nothing, a mention and a reply to me included', () => {
    expect(shouldNotify(created('hi all'), room('muted'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('ping @alice'), room('muted'), alice, true, now)).toBe(false);
    expect(shouldNotify(reply, room('muted'), alice, true, now)).toBe(false);
  });

  it('never of a reaction or a pin, whatever the level', () => {
    expect(shouldNotify({ type: 'reacted', message: message(1), by: bob, emoji: '👍' }, room('all'), alice, true, now)).toBe(false);
    expect(shouldNotify({ type: 'pinned', message: message(1), by: bob }, room('all'), alice, true, now)).toBe(false);
  });

  it('stays quiet for my own words, a visible tab, old replays, edits and an unknown room', () => {
    expect(shouldNotify(created('hi', alice), room('all'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('hi'), room('all'), alice, false, now)).toBe(false);
    expect(shouldNotify(created('hi'), room('all'), alice, true, now + 3_600_000)).toBe(false);
    expect(shouldNotify({ ...created('hi'), type: 'updated' }, room('all'), alice, true, now)).toBe(false);
    expect(shouldNotify(created('hi'), undefined, alice, true, now)).toBe(false);
  });
});
