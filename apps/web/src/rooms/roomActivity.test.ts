import { describe, expect, it } from 'vitest';
import { alice, bob, carol, message, notice, room } from '../test/fixtures.ts';
import { applyRoomActivity, markRoomRead, upsertRoom } from './roomActivity.ts';

const me = { userId: alice.id, activeRoomId: null };

describe('applyRoomActivity', () => {
  it("counts someone else's new message as unread and moves lastMessageAt", () => {
    const m = message(1, { author: bob });
    const [r] = applyRoomActivity([room()], { type: 'created', message: m }, me);
    expect(r).toMatchObject({ unreadCount: 1, lastMessageAt: m.createdAt });
  });

  it('does not count my own messages or the room on screen', () => {
    const mine = applyRoomActivity([room()], { type: 'created', message: message(1) }, me);
    expect(mine[0]?.unreadCount).toBe(0);
    const onScreen = applyRoomActivity([room()], { type: 'created', message: message(1, { author: bob }) }, { ...me, activeRoomId: '10' });
    expect(onScreen[0]?.unreadCount).toBe(0);
  });

  it('does not count a replayed message twice', () => {
    const event = { type: 'created' as const, message: message(1, { author: bob }) };
    const once = applyRoomActivity([room()], event, me);
    expect(applyRoomActivity(once, event, me)).toBe(once);
  });

  it('ignores edits, deletions, unknown rooms and rooms I have not joined', () => {
    const rooms = [room()];
    expect(applyRoomActivity(rooms, { type: 'updated', message: message(1, { author: bob }) }, me)).toBe(rooms);
    // A reaction or a pin is no new message: no unread, and the room does not move up the list.
    expect(applyRoomActivity(rooms, { type: 'reacted', message: message(1, { author: bob }), by: bob, emoji: '👍' }, me)).toBe(rooms);
    expect(applyRoomActivity(rooms, { type: 'pinned', message: message(1, { author: bob }), by: bob }, me)).toBe(rooms);
    expect(applyRoomActivity(rooms, { type: 'created', message: message(1, { author: bob, roomId: '99' }) }, me)).toBe(rooms);
    const browsed = applyRoomActivity([room({ joined: false })], { type: 'created', message: message(1, { author: bob }) }, me);
    expect(browsed[0]?.unreadCount).toBe(0);
  });
});

describe('applyRoomActivity with notices', () => {
  const apply = (rooms: ReturnType<typeof room>[], m: ReturnType<typeof message>) => applyRoomActivity(rooms, { type: 'created', message: m }, me);

  it('renames the room, changes its topic and archives it as its notices say', () => {
    const renamed = apply([room()], notice(1, { kind: 'renamed', name: 'Lunch' }, bob));
    expect(renamed[0]).toMatchObject({ name: 'Lunch', unreadCount: 1 });
    const [changed] = apply(renamed, notice(2, { kind: 'topic-changed', topic: 'Where we eat' }, bob));
    expect(changed).toMatchObject({ name: 'Lunch', topic: 'Where we eat' });
    expect(apply([room()], notice(1, { kind: 'archived' }, bob))[0]?.archived).toBe(true);
    expect(apply([room({ archived: true })], notice(1, { kind: 'unarchived' }, bob))[0]?.archived).toBe(false);
  });

  it('changes my role only when the notice is about me', () => {
    expect(apply([room()], notice(1, { kind: 'role-changed', user: alice, role: 'admin' }, bob))[0]?.role).toBe('admin');
    expect(apply([room()], notice(1, { kind: 'role-changed', user: carol, role: 'admin' }, bob))[0]?.role).toBe('member');
  });

  it('leaves the room as a list fetched after the notice has it', () => {
    const fresher = [room({ name: 'Dinner', lastMessageAt: message(5).createdAt })];
    expect(apply(fresher, notice(1, { kind: 'renamed', name: 'Lunch' }, bob))).toBe(fresher);
  });
});

describe('markRoomRead / upsertRoom', () => {
  it('clears one room only', () => {
    const rooms = markRoomRead([room({ unreadCount: 3 }), room({ id: '11', unreadCount: 2 })], '10');
    expect(rooms.map((r) => r.unreadCount)).toEqual([0, 2]);
  });

  it('adds a new room and replaces a known one', () => {
    const added = upsertRoom([room()], room({ id: '11', name: 'Tech Talk' }));
    expect(added.map((r) => r.name)).toEqual(['General', 'Tech Talk']);
    expect(upsertRoom(added, room({ joined: false }))[0]?.joined).toBe(false);
  });
});
