import type { User } from '@chat/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPeople } from './conformance-people.ts';
import type { ChatStore } from './store.ts';

/**
 * Rooms that someone looks after, the server admin and deactivated accounts: what every
 * ChatStore must do alike, beside store.conformance.ts. Each implementation's test file calls it.
 */
export function describeRoomAdministration(name: string, open: () => Promise<ChatStore>): void {
  describe(`ChatStore conformance, room roles and accounts: ${name}`, () => {
    let store: ChatStore;
    let alice: User;
    let bob: User;
    let carol: User;
    let room: string;
    const now = Date.now();

    beforeEach(async () => {
      store = await open();
      ({ alice, bob, carol } = await createPeople(store, ['alice', 'bob', 'carol']));
      room = await store.createRoom({ name: 'Looked After', topic: 'old topic', kind: 'public', createdBy: bob.id });
      await store.addMember(room, carol.id);
    });
    afterEach(() => store.close());

    const change = (actor: User) => ({ roomId: room, actorId: actor.id, now });
    const notices = async () => (await store.eventsAfter(room, 0, 100)).map((e) => [e.payload.type, e.payload.message.notice, e.payload.message.author.id]);

    test("the server's first account is its admin; a room's creator its owner, everyone else a member", async () => {
      expect((await store.getAccount(alice.id))?.serverAdmin).toBe(true);
      expect((await store.getAccount(bob.id))?.serverAdmin).toBe(false);
      expect(await store.getAccount('9999999999')).toBeNull();
      expect([await store.roleIn(room, bob.id), await store.roleIn(room, carol.id), await store.roleIn(room, alice.id)]).toEqual(['owner', 'member', null]);
      expect(await store.getRoom(room, bob.id)).toMatchObject({ role: 'owner', archived: false });
      expect(await store.getRoom(room, alice.id)).toMatchObject({ role: null, archived: false });
      // The default rooms have no creator, so no owner.
      const general = await store.ensureRoom({ name: 'General', topic: '', kind: 'public' });
      await store.addMember(general, bob.id);
      expect(await store.roleIn(general, bob.id)).toBe('member');
    });

    test('renaming and changing the topic: one notice each, by whoever did it; a taken name is CONFLICT', async () => {
      const made = await store.updateRoom({ ...change(carol), name: 'Well Looked After', topic: 'new topic' });
      expect(made.map((e) => e.payload.message.notice)).toEqual([
        { kind: 'renamed', name: 'Well Looked After' },
        { kind: 'topic-changed', topic: 'new topic' },
      ]);
      expect(made.map((e) => [e.payload.type, e.payload.message.author.id, e.payload.message.body !== ''])).toEqual([
        ['created', carol.id, true],
        ['created', carol.id, true],
      ]);
      expect(await store.getRoomSummary(room)).toMatchObject({ name: 'Well Looked After', topic: 'new topic', lastSeq: 2 });
      // Nothing that changes nothing is told.
      expect(await store.updateRoom({ ...change(carol), name: 'Well Looked After' })).toEqual([]);
      await store.createRoom({ name: 'Taken', topic: '', kind: 'private', createdBy: alice.id });
      await expect(store.updateRoom({ ...change(bob), name: 'TAKEN' })).rejects.toMatchObject({ code: 'CONFLICT' });
      // A room may change the case of its own name.
      expect(await store.updateRoom({ ...change(bob), name: 'WELL LOOKED AFTER' })).toHaveLength(1);
      const dm = await store.openDirectRoom(alice.id, bob.id);
      await expect(store.updateRoom({ roomId: dm, actorId: alice.id, now, name: 'Ours' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    test('an archived room takes no sends, edits, reactions or pins, and is still read and searched', async () => {
      const before = await store.sendMessage({ roomId: room, authorId: carol.id, body: 'archive me, searchable', clientMsgId: 'c1', now });
      const archived = await store.setArchived({ ...change(bob), archived: true });
      expect(archived?.payload.message.notice).toEqual({ kind: 'archived' });
      expect(await store.setArchived({ ...change(bob), archived: true })).toBeNull();
      expect((await store.getRoomSummary(room))?.archived).toBe(true);
      expect(await store.getRoom(room, carol.id)).toMatchObject({ archived: true });
      const refused = { code: 'BAD_REQUEST', message: expect.stringContaining('archived') };
      await expect(store.sendMessage({ roomId: room, authorId: carol.id, body: 'no', clientMsgId: 'c2', now })).rejects.toMatchObject(refused);
      await expect(store.editMessage({ messageId: before.message.id, body: 'no', now })).rejects.toMatchObject(refused);
      await expect(store.react({ messageId: before.message.id, userId: carol.id, emoji: '👍', add: true, now })).rejects.toMatchObject(refused);
      await expect(store.pin({ messageId: before.message.id, userId: bob.id, pinned: true, now })).rejects.toMatchObject(refused);
      const lastSeq = (await store.getRoomSummary(room))?.lastSeq;
      expect((await store.history({ roomId: room, position: { before: null }, limit: 10 })).messages).toHaveLength(2);
      expect(await store.searchMessages({ userId: alice.id, query: 'searchable', roomId: room, limit: 10 })).toHaveLength(1);

      const unarchived = await store.setArchived({ ...change(carol), archived: false });
      expect([unarchived?.seq, unarchived?.payload.message.notice]).toEqual([(lastSeq ?? 0) + 1, { kind: 'unarchived' }]);
      await store.sendMessage({ roomId: room, authorId: carol.id, body: 'back', clientMsgId: 'c3', now });
    });

    test('roles change and members are removed with a notice; the owner keeps their role and place', async () => {
      const promoted = await store.setRole({ ...change(bob), userId: carol.id, role: 'admin' });
      expect(promoted?.payload.message.notice).toEqual({ kind: 'role-changed', user: carol, role: 'admin' });
      expect(await store.roleIn(room, carol.id)).toBe('admin');
      expect(await store.setRole({ ...change(bob), userId: carol.id, role: 'admin' })).toBeNull();
      await expect(store.setRole({ ...change(carol), userId: bob.id, role: 'member' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.setRole({ ...change(bob), userId: alice.id, role: 'admin' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const removed = await store.removeMemberBy({ ...change(bob), userId: carol.id });
      expect(removed?.payload.message).toMatchObject({ author: bob, notice: { kind: 'member-removed', user: carol } });
      expect(await store.isMember(room, carol.id)).toBe(false);
      expect(await store.removeMemberBy({ ...change(bob), userId: carol.id })).toBeNull();
      await expect(store.removeMemberBy({ ...change(alice), userId: bob.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      // Rejoining makes a member again, not an admin.
      await store.addMember(room, carol.id);
      expect(await store.roleIn(room, carol.id)).toBe('member');
      expect((await notices()).map(([, notice]) => (notice as { kind: string } | null)?.kind)).toEqual(['role-changed', 'member-removed']);
    });

    test('deleting a room deletes everything in it, its files included, and their search entries', async () => {
      const sha256 = 'ab'.repeat(32);
      const file = await store.createFile({ sha256, name: 'a.png', mime: 'image/png', size: 3, width: 1, height: 1, hasThumbnail: false, uploaderId: carol.id, createdAt: now });
      const sent = await store.sendMessage({ roomId: room, authorId: carol.id, body: 'secret plans with llamas', clientMsgId: 'c1', attachmentIds: [file.id], now });
      await store.sendMessage({ roomId: room, authorId: bob.id, body: 'reply about llamas', clientMsgId: 'c2', replyToId: sent.message.id, now });
      await store.react({ messageId: sent.message.id, userId: bob.id, emoji: '👍', add: true, now });
      expect(await store.searchMessages({ userId: carol.id, query: 'llamas', roomId: null, limit: 10 })).toHaveLength(2);

      const { memberIds, unusedBlobs } = await store.deleteRoom(room);
      expect(memberIds.sort()).toEqual([bob.id, carol.id].sort());
      expect(unusedBlobs).toEqual([sha256]);
      expect(await store.getRoomSummary(room)).toBeNull();
      expect(await store.getMessage(sent.message.id)).toBeNull();
      expect(await store.getFile(file.id)).toBeNull();
      expect(await store.eventsAfter(room, 0, 10)).toEqual([]);
      expect(await store.searchMessages({ userId: carol.id, query: 'llamas', roomId: null, limit: 10 })).toEqual([]);
      // Its name is free again.
      await store.createRoom({ name: 'Looked After', topic: '', kind: 'public', createdBy: alice.id });
    });

    test('a deactivated account signs in no more and loses its sessions; its messages stay', async () => {
      const alive = { now, usedAfter: now - 60_000 };
      const session = await store.createSession({ tokenHash: 'carol-token', userId: carol.id, userAgent: 'ua', now, expiresAt: now + 3_600_000 });
      const said = await store.sendMessage({ roomId: room, authorId: carol.id, body: 'still here', clientMsgId: 'c1', now });
      expect(await store.setDeactivated({ userId: carol.id, deactivated: true, alive, now })).toEqual([session]);
      expect(await store.findSession('carol-token', alive)).toBeNull();
      expect(await store.findUserForLogin('carol')).toMatchObject({ user: carol, deactivated: true });
      expect(await store.getAccount(carol.id)).toMatchObject({ user: carol, deactivated: true, serverAdmin: false });
      expect((await store.getMessage(said.message.id))?.body).toBe('still here');
      expect((await store.listAccounts('car', 10)).map((a) => [a.user.id, a.deactivated])).toEqual([[carol.id, true]]);
      expect((await store.listAccounts('', 10)).map((a) => a.user.username)).toEqual(['alice', 'bob', 'carol']);
      // Nobody finds them to write to or invite; the server admin still does, above.
      expect(await store.searchUsers('car', 10)).toEqual([]);

      expect(await store.setDeactivated({ userId: carol.id, deactivated: false, alive, now })).toEqual([]);
      expect(await store.findUserForLogin('carol')).toMatchObject({ deactivated: false });
      expect(await store.searchUsers('car', 10)).toEqual([carol]);
      await expect(store.setDeactivated({ userId: '9999999999', deactivated: true, alive, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
