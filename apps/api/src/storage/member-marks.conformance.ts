import type { User } from '@chat/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPeople } from './conformance-people.ts';
import type { ChatStore } from './store.ts';

/**
 * What a member keeps of a room for themselves, notification levels and read markers ("seen
 * by"): what every ChatStore must do alike, beside store.conformance.ts. Each implementation's
 * test file calls this.
 */
export function describeMemberMarks(name: string, open: () => Promise<ChatStore>): void {
  describe(`ChatStore conformance, notification levels and read markers: ${name}`, () => {
    let store: ChatStore;
    let alice: User;
    let bob: User;
    let room: string;
    const now = Date.now();

    beforeEach(async () => {
      store = await open();
      ({ alice, bob } = await createPeople(store, ['alice', 'bob']));
      room = await store.createRoom({ name: 'Marks', topic: '', kind: 'public', createdBy: alice.id });
      await store.addMember(room, bob.id);
    });
    afterEach(() => store.close());

    const levelOf = async (roomId: string, user: User) => (await store.getRoom(roomId, user.id))?.notificationLevel;

    test('until a member chooses, a direct room notifies of everything and the others of mentions', async () => {
      const priv = await store.createRoom({ name: 'Quiet', topic: '', kind: 'private', createdBy: alice.id });
      const dm = await store.openDirectRoom(alice.id, bob.id);
      expect([await levelOf(room, alice), await levelOf(priv, alice), await levelOf(dm, alice)]).toEqual(['mentions', 'mentions', 'all']);
      // A room one is not in says what it would be.
      const lobby = await store.createRoom({ name: 'Lobby', topic: '', kind: 'public', createdBy: alice.id });
      expect(await store.getRoom(lobby, bob.id)).toMatchObject({ joined: false, notificationLevel: 'mentions' });
    });

    test('a level set is read back, in the list too; setting it again changes nothing; the other member keeps theirs', async () => {
      const dm = await store.openDirectRoom(alice.id, bob.id);
      expect(await store.setNotificationLevel(room, alice.id, 'muted')).toBe(true);
      expect(await store.setNotificationLevel(room, alice.id, 'muted')).toBe(false);
      expect(await store.setNotificationLevel(dm, alice.id, 'mentions')).toBe(true);
      expect(await levelOf(room, alice)).toBe('muted');
      const list = await store.listRooms(alice.id);
      expect([room, dm].map((id) => list.find((r) => r.id === id)?.notificationLevel)).toEqual(['muted', 'mentions']);
      expect([await levelOf(room, bob), await levelOf(dm, bob)]).toEqual(['mentions', 'all']);
      // Choosing what the default is is a choice too: it is stored, and kept.
      expect(await store.setNotificationLevel(room, bob.id, 'mentions')).toBe(true);
      expect(await store.setNotificationLevel(room, bob.id, 'all')).toBe(true);
      expect(await levelOf(room, bob)).toBe('all');
    });

    test('a level is kept with the membership: someone who is not a member sets nothing, and leaving forgets it', async () => {
      const carol = await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h3' });
      expect(await store.setNotificationLevel(room, carol.id, 'all')).toBe(false);
      expect(await levelOf(room, carol)).toBe('mentions');
      await store.setNotificationLevel(room, bob.id, 'muted');
      await store.removeMember(room, bob.id);
      await store.addMember(room, bob.id);
      expect(await levelOf(room, bob)).toBe('mentions');
    });

    test("every member's read marker, moved forward only, and saying whether it moved", async () => {
      let sent = 0;
      const send = async () => (await store.sendMessage({ roomId: room, authorId: alice.id, body: `m${++sent}`, clientMsgId: `c${sent}`, now })).message;
      const [m1, m2] = [await send(), await send()];
      const byUser = (seqs: [User, number][]) => seqs.map(([user, lastReadSeq]) => ({ userId: user.id, lastReadSeq })).sort((a, b) => Number(a.userId) - Number(b.userId));
      expect(await store.readMarkers(room)).toEqual(byUser([[alice, 0], [bob, 0]]));

      expect(await store.markRead({ roomId: room, userId: bob.id, seq: m2.seq })).toBe(true);
      expect(await store.markRead({ roomId: room, userId: bob.id, seq: m1.seq })).toBe(false);
      expect(await store.markRead({ roomId: room, userId: bob.id, seq: m2.seq })).toBe(false);
      expect(await store.markRead({ roomId: room, userId: alice.id, seq: m1.seq })).toBe(true);
      expect(await store.readMarkers(room)).toEqual(byUser([[alice, m1.seq], [bob, m2.seq]]));
      expect(await store.readMarkers(room, 1)).toEqual(byUser([[alice, m1.seq], [bob, m2.seq]]).slice(0, 1));

      // Someone who is not a member has no marker to move; one who left has none any more.
      const carol = await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h3' });
      expect(await store.markRead({ roomId: room, userId: carol.id, seq: m2.seq })).toBe(false);
      await store.removeMember(room, bob.id);
      expect(await store.readMarkers(room)).toEqual(byUser([[alice, m1.seq]]));
    });
  });
}
