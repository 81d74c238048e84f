import type { Message, RoomEvent } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { bob, message } from '../test/fixtures.ts';
import { applyToPins } from './pinnedMessages.ts';

const pinned = (seq: number, overrides: Partial<Message> = {}) => message(seq, { pinned: { by: bob, at: '2026-01-01T13:00:00.000Z' }, ...overrides });
const ids = (pins: Message[]) => pins.map((m) => m.id);

describe('applyToPins', () => {
  it('puts a newly pinned message first, once however often its event arrives', () => {
    const pins = [pinned(1)];
    const event: RoomEvent = { type: 'pinned', message: pinned(2), by: bob };
    expect(ids(applyToPins(pins, event))).toEqual(['2', '1']);
    expect(ids(applyToPins(applyToPins(pins, event), event))).toEqual(['2', '1']);
  });

  it('takes out an unpinned or deleted message', () => {
    const pins = [pinned(2), pinned(1)];
    expect(ids(applyToPins(pins, { type: 'unpinned', message: message(2), by: bob }))).toEqual(['1']);
    expect(ids(applyToPins(pins, { type: 'deleted', message: message(1, { deleted: true, body: '' }) }))).toEqual(['2']);
  });

  it('shows an edit or a reaction of a pinned message, and leaves the list alone for other messages', () => {
    const pins = [pinned(1)];
    const edited = pinned(1, { body: 'fixed', editedAt: '2026-01-01T14:00:00.000Z' });
    expect(applyToPins(pins, { type: 'updated', message: edited })[0]?.body).toBe('fixed');
    expect(applyToPins(pins, { type: 'reacted', message: message(3), by: bob, emoji: '👍' })).toBe(pins);
    expect(applyToPins(pins, { type: 'created', message: message(4) })).toBe(pins);
  });
});
