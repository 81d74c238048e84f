import { MAX_PINS_PER_ROOM, MAX_REACTIONS_PER_MESSAGE, type Message, type User } from '@chat/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPeople } from './conformance-people.ts';
import type { ChatStore } from './store.ts';

/**
 * Replies and threads, reactions and pins: what every ChatStore must do alike, beside
 * store.conformance.ts. Each implementation's test file calls both.
 */
export function describeMessageExtras(name: string, open: () => Promise<ChatStore>): void {
  describe(`ChatStore conformance, replies, reactions and pins: ${name}`, () => {
    let store: ChatStore;
    let alice: User;
    let bob: User;
    let room: string;
    const now = Date.now();

    beforeEach(async () => {
      store = await open();
      ({ alice, bob } = await createPeople(store, ['alice', 'bob']));
      room = await store.createRoom({ name: 'Extras', topic: '', kind: 'public', createdBy: alice.id });
      await store.addMember(room, bob.id);
    });
    afterEach(() => store.close());

    let sent = 0;
    const send = async (author: User, body: string, replyToId?: string, roomId = room) =>
      (await store.sendMessage({ roomId, authorId: author.id, body, clientMsgId: `c${++sent}`, replyToId, now })).message;
    let clock = now;
    // Each reaction a millisecond after the one before: their order is their time.
    const react = (messageId: string, user: User, emoji: string, add = true) => store.react({ messageId, userId: user.id, emoji, add, now: ++clock });

    test('a reply quotes the message it answers and joins the thread of that message, however deep', async () => {
      const root = await send(alice, 'where shall we eat?');
      const reply = await send(bob, 'the noodle place', root.id);
      expect(reply.replyTo).toEqual({ id: root.id, author: alice, excerpt: 'where shall we eat?', deleted: false });
      expect(reply.threadRootId).toBe(root.id);
      // A reply to a reply joins the first message's thread, quoting the reply it answers.
      const deeper = await send(alice, 'again?', reply.id);
      expect([deeper.threadRootId, deeper.replyTo?.id]).toEqual([root.id, reply.id]);
      expect(root.threadRootId).toBeNull();

      const page = await store.history({ roomId: room, position: { before: null }, limit: 10 });
      expect(page.messages.map((m) => [m.body, m.replyCount, m.threadRootId])).toEqual([
        ['where shall we eat?', 2, null],
        ['the noodle place', 0, root.id],
        ['again?', 0, root.id],
      ]);

      // The quote follows what the answered message says now.
      await store.editMessage({ messageId: root.id, body: 'lunch?', now });
      await store.deleteMessage({ messageId: reply.id, now });
      const after = await store.history({ roomId: room, position: { before: null }, limit: 10 });
      expect(after.messages.map((m) => [m.replyTo?.excerpt, m.replyTo?.deleted, m.replyCount])).toEqual([
        [undefined, undefined, 1],
        ['lunch?', false, 0],
        ['', true, 0],
      ]);
    });

    test('a reply must answer a live message of the same room; an excerpt is cut at 200 characters', async () => {
      const other = await store.createRoom({ name: 'Elsewhere', topic: '', kind: 'public', createdBy: alice.id });
      const there = await send(alice, 'over here', undefined, other);
      await expect(send(alice, 'hm', there.id)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(send(alice, 'hm', '9999999999')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const gone = await send(alice, 'soon gone');
      await store.deleteMessage({ messageId: gone.id, now });
      await expect(send(alice, 'hm', gone.id)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('deleted') });
      const long = await send(alice, `${'🙂'.repeat(199)}ab`);
      expect((await send(bob, 'too long', long.id)).replyTo?.excerpt).toBe(`${'🙂'.repeat(199)}a`);
      // Refused sends took no sequence number: the next event follows on.
      const { event } = await store.sendMessage({ roomId: room, authorId: alice.id, body: 'next', clientMsgId: 'next', now });
      expect(event?.seq).toBe((await store.getRoomSummary(room))?.lastSeq);
    });

    test('a thread reads its first message and its replies in pages, with my read marker in it', async () => {
      const root = await send(alice, 'root');
      const replies: Message[] = [];
      for (let i = 1; i <= 5; i++) replies.push(await send(i % 2 ? bob : alice, `reply ${i}`, i === 3 ? replies[1]?.id : root.id));
      await send(alice, 'not in the thread');
      const newest = await store.thread({ messageId: replies[2]!.id, userId: bob.id, before: null, limit: 3 });
      expect(newest?.root.id).toBe(root.id);
      expect(newest?.root.replyCount).toBe(5);
      expect(newest?.replies.map((m) => m.body)).toEqual(['reply 3', 'reply 4', 'reply 5']);
      expect(newest?.lastReadSeq).toBe(0);
      const older = await store.thread({ messageId: root.id, userId: bob.id, before: Number(newest?.nextCursor), limit: 3 });
      expect(older?.replies.map((m) => m.body)).toEqual(['reply 1', 'reply 2']);
      expect(older?.nextCursor).toBeNull();

      await store.markThreadRead({ messageId: replies[3]!.id, userId: bob.id });
      // Never backwards.
      await store.markThreadRead({ messageId: replies[0]!.id, userId: bob.id });
      expect((await store.thread({ messageId: root.id, userId: bob.id, before: null, limit: 10 }))?.lastReadSeq).toBe(replies[3]!.seq);
      expect((await store.thread({ messageId: root.id, userId: alice.id, before: null, limit: 10 }))?.lastReadSeq).toBe(0);
      expect(await store.thread({ messageId: '9999999999', userId: bob.id, before: null, limit: 10 })).toBeNull();
    });

    test('reactions are counted per emoji, in the order of their earliest reaction; reacting twice is one reaction', async () => {
      const message = await send(alice, 'ship it?');
      const first = await react(message.id, bob, '👍');
      expect(first?.payload).toMatchObject({ type: 'reacted', by: bob, emoji: '👍' });
      expect(first?.payload.message.reactions).toEqual([{ emoji: '👍', count: 1, users: [bob] }]);
      expect(await react(message.id, bob, '👍')).toBeNull();
      await react(message.id, alice, '🎉');
      await react(message.id, alice, '👍');
      const current = await store.getMessage(message.id);
      expect(current?.reactions).toEqual([
        { emoji: '👍', count: 2, users: [bob, alice] },
        { emoji: '🎉', count: 1, users: [alice] },
      ]);

      // The order is that of each emoji's earliest reaction still there.
      const undone = await react(message.id, bob, '👍', false);
      expect(undone?.payload).toMatchObject({ type: 'unreacted', by: bob, emoji: '👍' });
      expect(undone?.payload.message.reactions).toEqual([
        { emoji: '🎉', count: 1, users: [alice] },
        { emoji: '👍', count: 1, users: [alice] },
      ]);
      expect(await react(message.id, bob, '👍', false)).toBeNull();

      // Each change took the next number in the room's sequence, and a replay says who did what.
      const replay = await store.eventsAfter(room, message.seq, 10);
      expect(replay.map((e) => [e.seq, e.payload.type, 'emoji' in e.payload ? e.payload.emoji : null, 'by' in e.payload ? e.payload.by.id : null])).toEqual([
        [message.seq + 1, 'reacted', '👍', bob.id],
        [message.seq + 2, 'reacted', '🎉', alice.id],
        [message.seq + 3, 'reacted', '👍', alice.id],
        [message.seq + 4, 'unreacted', '👍', bob.id],
      ]);
      expect(replay.every((e) => e.payload.message.reactions.length === 2)).toBe(true);
      await expect(react('9999999999', bob, '👍')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('a message takes a bounded number of different emoji; a deleted one takes none and loses its own', async () => {
      const message = await send(alice, 'vote');
      const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂🤗🤩'];
      for (const e of emoji.slice(0, MAX_REACTIONS_PER_MESSAGE)) await react(message.id, bob, e);
      await expect(react(message.id, alice, emoji[MAX_REACTIONS_PER_MESSAGE]!)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      // One already there may still be added to.
      expect(await react(message.id, alice, emoji[0]!)).not.toBeNull();

      await store.deleteMessage({ messageId: message.id, now });
      expect((await store.getMessage(message.id))?.reactions).toEqual([]);
      await expect(react(message.id, alice, '👍')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const fresh = await send(alice, 'fresh');
      await react(fresh.id, bob, '👍');
      expect((await store.getMessage(fresh.id))?.reactions).toEqual([{ emoji: '👍', count: 1, users: [bob] }]);
    });

    test('pins: listed newest first, idempotent, bounded per room, and gone with a deleted message', async () => {
      const [a, b] = [await send(alice, 'rules'), await send(bob, 'wifi password')];
      const pinned = await store.pin({ messageId: a.id, userId: bob.id, pinned: true, now: now + 1 });
      expect(pinned?.payload).toMatchObject({ type: 'pinned', by: bob, message: { id: a.id, pinned: { by: bob, at: new Date(now + 1).toISOString() } } });
      expect(await store.pin({ messageId: a.id, userId: alice.id, pinned: true, now: now + 2 })).toBeNull();
      await store.pin({ messageId: b.id, userId: alice.id, pinned: true, now: now + 3 });
      expect((await store.pinnedMessages(room, 10)).map((m) => m.body)).toEqual(['wifi password', 'rules']);

      const unpinned = await store.pin({ messageId: a.id, userId: alice.id, pinned: false, now });
      expect(unpinned?.payload).toMatchObject({ type: 'unpinned', by: alice, message: { id: a.id, pinned: null } });
      expect(await store.pin({ messageId: a.id, userId: alice.id, pinned: false, now })).toBeNull();
      expect((await store.pinnedMessages(room, 10)).map((m) => m.id)).toEqual([b.id]);

      await store.deleteMessage({ messageId: b.id, now });
      expect(await store.pinnedMessages(room, 10)).toEqual([]);
      await expect(store.pin({ messageId: b.id, userId: alice.id, pinned: true, now })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

      for (let i = 0; i < MAX_PINS_PER_ROOM; i++) await store.pin({ messageId: (await send(alice, `pin ${i}`)).id, userId: alice.id, pinned: true, now });
      const over = await send(alice, 'one too many');
      await expect(store.pin({ messageId: over.id, userId: alice.id, pinned: true, now })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.pinnedMessages(room, 5)).toHaveLength(5);
    });
  });
}
