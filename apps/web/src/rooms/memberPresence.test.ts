import type { RoomMember } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { withPresence } from './memberPresence.ts';

const member = (id: string, online: boolean): RoomMember => ({ user: { id, username: `u${id}`, displayName: `User ${id}` }, online, role: 'member' });
const list = [member('1', true), member('2', false), member('3', false)];

describe('withPresence', () => {
  it('applies a change to the one member it names', () => {
    expect(withPresence(list, { type: 'change', userId: '2', online: true })).toEqual([member('1', true), member('2', true), member('3', false)]);
  });

  it('sets everyone from a snapshot', () => {
    expect(withPresence(list, { type: 'snapshot', online: ['3'] })).toEqual([member('1', false), member('2', false), member('3', true)]);
  });

  it('asks for the list again when the event names someone it does not have', () => {
    expect(withPresence(list, { type: 'change', userId: '9', online: true })).toBeNull();
    expect(withPresence(list, { type: 'snapshot', online: ['1', '9'] })).toBeNull();
  });
});
