import type { Message, User } from '@chat/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPeople } from './conformance-people.ts';
import type { ChatStore } from './store.ts';

/**
 * The behaviour every ChatStore implementation must share. Each implementation's test file
 * calls this with a factory that returns a fresh, empty store.
 */
export function describeChatStore(name: string, open: () => Promise<ChatStore>): void {
  describe(`ChatStore conformance: ${name}`, () => {
    let store: ChatStore;
    let alice: User;
    let bob: User;
    const now = Date.now();

    beforeEach(async () => {
      store = await open();
      ({ alice, bob } = await createPeople(store, ['alice', 'bob']));
    });
    afterEach(() => store.close());

    const send = (roomId: string, author: User, body: string, clientMsgId = `${author.id}-${body}`) =>
      store.sendMessage({ roomId, authorId: author.id, body, clientMsgId, now: Date.now() });

    test('usernames are unique and lookups return the public shape', async () => {
      await expect(store.createUser({ username: 'alice', displayName: 'x', passwordHash: 'h' })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await store.getUser(alice.id)).toEqual({ id: alice.id, username: 'alice', displayName: 'Alice' });
      expect(await store.findUserForLogin('bob')).toEqual({ user: bob, passwordHash: 'hash-bob', deactivated: false });
      expect(await store.findUserForLogin('carol')).toBeNull();
      expect((await store.searchUsers('ALI', 10)).map((u) => u.username)).toEqual(['alice']);
      expect(await store.searchUsers('%', 10)).toEqual([]);
    });

    const HOUR = 3_600_000;
    /** Sessions alive at `at` when unused for a minute ends them. */
    const aliveAt = (at: number) => ({ now: at, usedAfter: at - 60_000 });
    const startSession = (tokenHash: string, user = alice, at = now, expiresAt = at + HOUR) =>
      store.createSession({ tokenHash, userId: user.id, userAgent: `agent of ${tokenHash}`, now: at, expiresAt });
    /** Whether the sessions of these tokens are alive at `at`. */
    const activity = (tokens: string[], at = now) => Promise.all(tokens.map(async (token) => (await store.findSession(token, aliveAt(at))) !== null));

    test('a session ends at its end, or once unused for longer than the idle time; renewing it keeps it going', async () => {
      const live = await startSession('live');
      const ended = await startSession('ended', alice, now - 10, now - 1);
      const idle = await startSession('idle', alice, now - 120_000);
      expect(await store.findSession('live', aliveAt(now))).toEqual({ sessionId: live, user: alice, expiresAt: now + HOUR });
      expect([await store.findSession('ended', aliveAt(now)), await store.findSession('idle', aliveAt(now))]).toEqual([null, null]);
      expect(await activity(['live', 'ended', 'idle'])).toEqual([true, false, false]);

      // Only sessions still alive are renewed: an ended one stays ended.
      expect(await store.renewSessions([live, ended, idle, '9999999999999999'], aliveAt(now + 40_000))).toEqual([live]);
      expect(await store.renewSessions([], aliveAt(now))).toEqual([]);
      expect(await activity(['live', 'idle'], now + 90_000)).toEqual([true, false]);
      // Unused since, it idles out; and renewal never carries a session past its end.
      expect(await activity(['live'], now + 101_000)).toEqual([false]);
      expect(await store.renewSessions([live], aliveAt(now + HOUR - 1_000))).toEqual([]);
    });

    test('lists the live sessions of one user, the most recently used first', async () => {
      const first = await startSession('first', alice, now - 30_000);
      const second = await startSession('second', alice, now - 20_000);
      await startSession('idle', alice, now - 120_000);
      await startSession('bobs', bob);
      await store.renewSessions([first], aliveAt(now));
      expect(await store.listSessions(alice.id, aliveAt(now), 10)).toEqual([
        { id: first, userAgent: 'agent of first', createdAt: now - 30_000, lastUsedAt: now },
        { id: second, userAgent: 'agent of second', createdAt: now - 20_000, lastUsedAt: now - 20_000 },
      ]);
      expect((await store.listSessions(alice.id, aliveAt(now), 1)).map((s) => s.id)).toEqual([first]);
      expect(await store.listSessions('9999999999999999', aliveAt(now), 10)).toEqual([]);
    });

    test('a file token finds its session only as a file token, and ends with it', async () => {
      const session = await startSession('api token');
      await store.setFileToken(session, 'file token');
      expect(await store.findSessionByFileToken('file token', aliveAt(now))).toEqual({ sessionId: session, user: alice, expiresAt: now + HOUR });
      expect(await store.findSession('file token', aliveAt(now))).toBeNull();
      expect(await store.findSessionByFileToken('api token', aliveAt(now))).toBeNull();
      expect(await store.findSessionByFileToken('file token', aliveAt(now + 61_000))).toBeNull();
      await store.endSessions(alice.id, { only: session }, aliveAt(now));
      expect(await store.findSessionByFileToken('file token', aliveAt(now))).toBeNull();
    });

    test("ending sessions: one of the user's own, or all but one; tells which of them were alive", async () => {
      const [a1, a2, a3] = [await startSession('a1'), await startSession('a2'), await startSession('a3')];
      const expired = await startSession('expired', alice, now - 10, now - 1);
      const b1 = await startSession('b1', bob);
      expect(await store.endSessions(alice.id, { only: b1 }, aliveAt(now))).toEqual([]);
      expect(await store.endSessions(alice.id, { only: '9999999999999999' }, aliveAt(now))).toEqual([]);
      expect(await store.endSessions(alice.id, { only: a1 }, aliveAt(now))).toEqual([a1]);
      expect(await store.endSessions(alice.id, { except: a2 }, aliveAt(now))).toEqual([a3]);
      expect(await store.endSessions(alice.id, { only: expired }, aliveAt(now))).toEqual([]);
      expect(await activity(['a1', 'a2', 'a3', 'b1'])).toEqual([false, true, false, true]);
    });

    test('changing the password ends every other session of the user at once', async () => {
      const [kept, other] = [await startSession('kept'), await startSession('other')];
      await startSession('bobs', bob);
      expect(await store.changePassword({ userId: alice.id, passwordHash: 'new hash', keepSessionId: kept, alive: aliveAt(now) })).toEqual([other]);
      expect(await store.findUserForLogin('alice')).toEqual({ user: alice, passwordHash: 'new hash', deactivated: false });
      expect(await activity(['kept', 'other', 'bobs'])).toEqual([true, false, true]);
    });

    test('finds the users whose display names may need cleaning, page by page', async () => {
      const odd = ['Al\u200Bice', ' Lead', 'Trail ', 'Two  spaces', 'José', 'x'.repeat(70)];
      const made = [];
      for (const [i, displayName] of odd.entries()) made.push(await store.createUser({ username: `odd${i}`, displayName, passwordHash: 'h' }));
      await store.createUser({ username: 'plain', displayName: 'Plain Name-1 (ok)', passwordHash: 'h' });
      const first = await store.usersWithUnusualNames(null, 4, 64);
      expect(first.map((u) => u.username)).toEqual(['odd0', 'odd1', 'odd2', 'odd3']);
      const rest = await store.usersWithUnusualNames(first[3]?.id ?? null, 4, 64);
      expect(rest.map((u) => u.username)).toEqual(['odd4', 'odd5']);
      expect(rest[0]).toEqual(made[4]);
    });

    test('a new display name shows wherever the user does, old messages included', async () => {
      const room = await store.createRoom({ name: 'Names', topic: '', kind: 'public', createdBy: alice.id });
      await send(room, alice, 'before the rename');
      const dm = await store.openDirectRoom(alice.id, bob.id);
      expect(await store.updateDisplayName(alice.id, 'Alice Liddell')).toEqual({ ...alice, displayName: 'Alice Liddell' });
      expect(await store.getUser(alice.id)).toMatchObject({ displayName: 'Alice Liddell' });
      const page = await store.history({ roomId: room, position: { before: null }, limit: 10 });
      expect(page.messages.map((m) => m.author.displayName)).toEqual(['Alice Liddell']);
      expect((await store.getRoom(dm, bob.id))?.name).toBe('Alice Liddell');
      expect(await store.updateDisplayName('9999999999999999', 'Nobody')).toBeNull();
    });

    test('rooms: names are unique ignoring case; private rooms are visible to members only', async () => {
      const pub = await store.createRoom({ name: 'Ops', topic: 't', kind: 'public', createdBy: alice.id });
      await expect(store.createRoom({ name: 'ops', topic: '', kind: 'private', createdBy: bob.id })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const priv = await store.createRoom({ name: 'Secret', topic: '', kind: 'private', createdBy: alice.id });
      expect(await store.ensureRoom({ name: 'Ops', topic: 'other', kind: 'public' })).toBe(pub);
      expect((await store.listRooms(bob.id)).map((r) => r.id)).toEqual([pub]);
      const seenByAlice = await store.listRooms(alice.id);
      expect(seenByAlice.map((r) => r.name)).toEqual(['Ops', 'Secret']);
      expect(seenByAlice[0]).toMatchObject({ topic: 't', kind: 'public', memberCount: 1, joined: true, unreadCount: 0 });
      expect(await store.getRoom(priv, bob.id)).toBeNull();
      await store.addMember(priv, bob.id);
      await store.addMember(priv, bob.id);
      expect(await store.getRoom(priv, bob.id)).toMatchObject({ memberCount: 2, joined: true });
      expect(await store.listMembers(priv)).toEqual([
        { user: alice, role: 'owner' },
        { user: bob, role: 'member' },
      ]);
      await store.removeMember(priv, bob.id);
      expect(await store.isMember(priv, bob.id)).toBe(false);
    });

    test('the room list: exact values, public and private rooms by name ignoring case, then direct rooms', async () => {
      const zoo = await store.createRoom({ name: 'Zoo', topic: 'z', kind: 'public', createdBy: bob.id });
      const dm = await store.openDirectRoom(alice.id, bob.id);
      const ops = await store.createRoom({ name: 'ops', topic: '', kind: 'private', createdBy: alice.id });
      const at = Date.now();
      await store.sendMessage({ roomId: zoo, authorId: bob.id, body: 'hi', clientMsgId: 'z1', now: at });
      const room = { topic: '', unreadCount: 0, lastMessageAt: null, lastReadSeq: 0, archived: false, notificationLevel: 'mentions' };
      expect(await store.listRooms(alice.id)).toEqual([
        { ...room, id: ops, name: 'ops', kind: 'private', memberCount: 1, joined: true, role: 'owner' },
        { ...room, id: zoo, name: 'Zoo', topic: 'z', kind: 'public', memberCount: 1, joined: false, role: null, lastMessageAt: new Date(at).toISOString() },
        { ...room, id: dm, name: 'Bob', kind: 'direct', memberCount: 2, joined: true, role: 'member', notificationLevel: 'all' },
      ]);
      await store.addMember(zoo, alice.id);
      await store.sendMessage({ roomId: zoo, authorId: bob.id, body: 'again', clientMsgId: 'z2', now: at });
      expect(await store.getRoom(zoo, alice.id)).toMatchObject({ memberCount: 2, joined: true, unreadCount: 1, lastReadSeq: 1 });
    });

    test('a file is readable by its uploader, and by whoever may read a message it is attached to', async () => {
      const carol = await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h' });
      const pub = await store.createRoom({ name: 'Pub', topic: '', kind: 'public', createdBy: alice.id });
      const priv = await store.createRoom({ name: 'Priv', topic: '', kind: 'private', createdBy: alice.id });
      await store.addMember(priv, bob.id);
      const upload = async () =>
        (await store.createFile({ sha256: 'f'.repeat(64), name: 'f.txt', mime: 'text/plain', size: 1, width: null, height: null, hasThumbnail: false, uploaderId: alice.id, createdAt: now })).id;
      const [loose, inPublic, inPrivate] = [await upload(), await upload(), await upload()];
      const attach = (roomId: string, fileId: string) =>
        store.sendMessage({ roomId, authorId: alice.id, body: fileId, clientMsgId: fileId, attachmentIds: [fileId], now });
      await attach(pub, inPublic);
      await attach(priv, inPrivate);
      const readers = async (fileId: string) => {
        const may = await Promise.all([alice, bob, carol].map((u) => store.mayReadFile(fileId, u.id)));
        return [alice, bob, carol].filter((_, i) => may[i]).map((u) => u.username);
      };
      expect(await readers(loose)).toEqual(['alice']);
      expect(await readers(inPublic)).toEqual(['alice', 'bob', 'carol']);
      expect(await readers(inPrivate)).toEqual(['alice', 'bob']);
    });

    test('one pair of users always gets the same direct room, named after the other user', async () => {
      const a = await store.openDirectRoom(alice.id, bob.id);
      const b = await store.openDirectRoom(bob.id, alice.id);
      expect(a).toBe(b);
      expect(await store.getRoom(a, alice.id)).toMatchObject({ kind: 'direct', name: 'Bob', memberCount: 2 });
      expect(await store.getRoom(a, bob.id)).toMatchObject({ name: 'Alice' });
      const carol = await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h' });
      expect(await store.getRoom(a, carol.id)).toBeNull();
    });

    test('each event takes the next sequence number of its room; a repeated clientMsgId makes no second message', async () => {
      const room = await store.createRoom({ name: 'R', topic: '', kind: 'public', createdBy: alice.id });
      const first = await send(room, alice, 'one', 'c1');
      const again = await send(room, alice, 'one (retry)', 'c1');
      expect(again.event).toBeNull();
      expect(again.message).toEqual(first.message);
      const other = await send(room, bob, 'two', 'c1');
      expect(other.event?.seq).toBe(2);
      const edited = await store.editMessage({ messageId: first.message.id, body: 'one!', now });
      const { event: deleted } = await store.deleteMessage({ messageId: other.message.id, now });
      expect([first.event?.seq, edited.seq, deleted.seq]).toEqual([1, 3, 4]);
      expect(edited.payload).toMatchObject({ type: 'updated', message: { body: 'one!', editedAt: expect.any(String) } });
      expect(deleted.payload).toMatchObject({ type: 'deleted', message: { body: '', deleted: true } });
      const replay = await store.eventsAfter(room, 1, 10);
      expect(replay.map((e) => [e.seq, e.payload.type])).toEqual([
        [2, 'created'],
        [3, 'updated'],
        [4, 'deleted'],
      ]);
      expect((await store.getRoomSummary(room))?.lastSeq).toBe(4);
      await expect(store.editMessage({ messageId: '999999', body: 'x', now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('concurrent sends of one clientMsgId store one message and all return it', async () => {
      const room = await store.createRoom({ name: 'Twice', topic: '', kind: 'public', createdBy: alice.id });
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => send(room, alice, `try ${i}`, 'same')));
      const ids = new Set(results.map((r) => r.message.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.event !== null)).toHaveLength(1);
      expect((await store.eventsAfter(room, 0, 100)).map((e) => e.seq)).toEqual([1]);
      expect((await store.getRoomSummary(room))?.lastSeq).toBe(1);
    });

    test('many concurrent writers: sequence numbers are dense, and readers never see a later event before an earlier one', async () => {
      const room = await store.createRoom({ name: 'Busy', topic: '', kind: 'public', createdBy: alice.id });
      await store.addMember(room, bob.id);
      const writers = 8;
      const perWriter = 25;
      let writing = true;
      const readerGaps: string[] = [];
      // A reader that resumes from the last event it saw, as a subscriber does after a reconnect:
      // each read must continue exactly at last + 1, or an event committed "out of order" was
      // skipped for good.
      const reader = async () => {
        let last = 0;
        while (writing || last < writers * perWriter) {
          const batch = await store.eventsAfter(room, last, 1000);
          for (const event of batch) {
            if (event.seq !== last + 1) readerGaps.push(`after ${last} came ${event.seq}`);
            last = event.seq;
          }
          if (batch.length === 0) await new Promise((r) => setTimeout(r, 1));
        }
        return last;
      };
      const readers = Array.from({ length: 3 }, reader);
      const sent = await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const author = w % 2 ? bob : alice;
          const seqs: number[] = [];
          for (let i = 0; i < perWriter; i++) {
            const { event } = await send(room, author, `w${w} m${i}`, `w${w}-${i}`);
            seqs.push(event!.seq);
          }
          return seqs;
        }),
      );
      writing = false;
      expect(await Promise.all(readers)).toEqual([200, 200, 200]);
      expect(readerGaps).toEqual([]);
      expect(sent.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i + 1));
      // Each writer's own messages carry increasing sequence numbers.
      for (const seqs of sent) expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    });

    test('history pages backwards without gaps or repeats and reports the newest event id', async () => {
      const room = await store.createRoom({ name: 'H', topic: '', kind: 'public', createdBy: alice.id });
      for (let i = 1; i <= 12; i++) await send(room, alice, `m${i}`);
      const seen: string[] = [];
      let before: number | null = null;
      let pages = 0;
      for (;;) {
        const page = await store.history({ roomId: room, position: { before }, limit: 5 });
        pages++;
        if (pages === 1) expect(page.lastEventId).toBe('12');
        expect(page.newerCursor).toBe(pages === 1 ? null : String(page.messages.at(-1)?.seq));
        seen.unshift(...page.messages.map((m) => m.body));
        if (!page.nextCursor) break;
        before = Number(page.nextCursor);
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `m${i + 1}`));
    });

    test('history opens around a message and pages both ways from it, with cursors that end at each end', async () => {
      const room = await store.createRoom({ name: 'Around', topic: '', kind: 'public', createdBy: alice.id });
      const sent: Message[] = [];
      for (let i = 1; i <= 12; i++) sent.push((await send(room, alice, `m${i}`)).message);
      // An edit takes a sequence number of its own: cursors are positions, not counts.
      await store.editMessage({ messageId: sent[8]!.id, body: 'm9 (edited)', now });
      const bodies = (page: { messages: Message[] }) => page.messages.map((m) => m.body.replace(' (edited)', ''));
      const seqOf = (n: number) => sent[n - 1]!.seq;

      const middle = await store.history({ roomId: room, position: { around: seqOf(6) }, limit: 5 });
      expect(bodies(middle)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
      expect([middle.nextCursor, middle.newerCursor]).toEqual([String(seqOf(4)), String(seqOf(8))]);
      expect(middle.lastEventId).toBe('13');

      const newer = await store.history({ roomId: room, position: { after: Number(middle.newerCursor) }, limit: 5 });
      expect(bodies(newer)).toEqual(['m9', 'm10', 'm11', 'm12']);
      expect([newer.nextCursor, newer.newerCursor]).toEqual([String(seqOf(9)), null]);
      const older = await store.history({ roomId: room, position: { before: Number(middle.nextCursor) }, limit: 5 });
      expect(bodies(older)).toEqual(['m1', 'm2', 'm3']);
      expect([older.nextCursor, older.newerCursor]).toEqual([null, String(seqOf(3))]);

      const newest = await store.history({ roomId: room, position: { around: seqOf(12) }, limit: 5 });
      expect(bodies(newest)).toEqual(['m10', 'm11', 'm12']);
      expect(newest.newerCursor).toBeNull();
      const oldest = await store.history({ roomId: room, position: { around: seqOf(1) }, limit: 5 });
      expect(bodies(oldest)).toEqual(['m1', 'm2', 'm3']);
      expect([oldest.nextCursor, oldest.newerCursor]).toEqual([null, String(seqOf(3))]);
      const steps = await store.history({ roomId: room, position: { after: seqOf(10) }, limit: 1 });
      expect([bodies(steps), steps.newerCursor]).toEqual([['m11'], String(seqOf(11))]);
    });

    test('unread counts others’ live messages after my marker, which never moves back', async () => {
      const room = await store.createRoom({ name: 'U', topic: '', kind: 'public', createdBy: alice.id });
      await store.addMember(room, bob.id);
      const m1 = await send(room, bob, 'b1');
      const m2 = await send(room, bob, 'b2');
      await send(room, alice, 'a1');
      const m3 = await send(room, bob, 'b3');
      await store.deleteMessage({ messageId: m3.message.id, now });
      expect(await store.getRoom(room, alice.id)).toMatchObject({ unreadCount: 2, lastReadSeq: 0 });
      await store.markRead({ roomId: room, userId: alice.id, seq: m2.message.seq });
      await store.markRead({ roomId: room, userId: alice.id, seq: m1.message.seq });
      expect(await store.getRoom(room, alice.id)).toMatchObject({ unreadCount: 0, lastReadSeq: m2.message.seq });
      expect((await store.listRooms(alice.id)).find((r) => r.id === room)?.lastReadSeq).toBe(m2.message.seq);
      // A newcomer's marker starts at the newest message; someone outside the room has none.
      const carol = await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h' });
      expect((await store.getRoom(room, carol.id))?.lastReadSeq).toBe(0);
      await store.addMember(room, carol.id);
      expect(await store.getRoom(room, carol.id)).toMatchObject({ unreadCount: 0, lastReadSeq: 5 });
      expect((await store.getRoom(room, alice.id))?.lastMessageAt).toEqual(expect.any(String));
    });

    test('search finds part-words and CJK text, only in rooms the user may read', async () => {
      const pub = await store.createRoom({ name: 'P', topic: '', kind: 'public', createdBy: alice.id });
      const priv = await store.createRoom({ name: 'S', topic: '', kind: 'private', createdBy: alice.id });
      await send(pub, alice, 'the redeployment finished');
      await send(pub, alice, '東京タワーに行きました');
      await send(priv, alice, 'secret deploy keys');
      const forBob = await store.searchMessages({ userId: bob.id, query: 'deploy', roomId: null, limit: 10 });
      expect(forBob.map((h) => h.message.body)).toEqual(['the redeployment finished']);
      const forAlice = await store.searchMessages({ userId: alice.id, query: 'DEPLOY', roomId: null, limit: 10 });
      expect(forAlice.map((h) => h.roomName).sort()).toEqual(['P', 'S']);
      expect((await store.searchMessages({ userId: bob.id, query: '京タワ', roomId: null, limit: 10 })).length).toBe(1);
      expect((await store.searchMessages({ userId: bob.id, query: '東京', roomId: null, limit: 10 })).length).toBe(1);
      expect(await store.searchMessages({ userId: alice.id, query: 'deploy', roomId: priv, limit: 10 })).toHaveLength(1);
      expect(await store.searchMessages({ userId: bob.id, query: '"%_', roomId: null, limit: 10 })).toEqual([]);
    });

    test('a replay shows each message as it is now: no event keeps text that was edited away or deleted', async () => {
      const room = await store.createRoom({ name: 'Oops', topic: '', kind: 'public', createdBy: alice.id });
      const secret = await send(room, alice, 'my password is hunter2', 'c1');
      await store.editMessage({ messageId: secret.message.id, body: 'fixed', now });
      const ssn = await send(room, bob, 'SSN 078-05-1120', 'c2');
      await store.deleteMessage({ messageId: ssn.message.id, now });
      const replay = await store.eventsAfter(room, 0, 10);
      expect(replay.map((e) => [e.payload.type, e.payload.message.id, e.payload.message.body, e.payload.message.deleted])).toEqual([
        ['created', secret.message.id, 'fixed', false],
        ['updated', secret.message.id, 'fixed', false],
        ['created', ssn.message.id, '', true],
        ['deleted', ssn.message.id, '', true],
      ]);
      expect(JSON.stringify(replay)).not.toMatch(/hunter2|078-05/);
    });

    test("deleting a message deletes its files, and their bytes once no other upload has them", async () => {
      const room = await store.createRoom({ name: 'Files', topic: '', kind: 'public', createdBy: alice.id });
      const upload = (sha: string) =>
        store.createFile({ sha256: sha.repeat(32), name: 'f.png', mime: 'image/png', size: 5, width: 1, height: 1, hasThumbnail: true, uploaderId: alice.id, createdAt: now });
      const [only, shared, twin, twinOfOther] = [await upload('a1'), await upload('b2'), await upload('c3'), await upload('c3')];
      const attach = (ids: string[], body: string) => store.sendMessage({ roomId: room, authorId: alice.id, body, clientMsgId: body, attachmentIds: ids, now });
      const first = await attach([only.id, shared.id, twin.id], 'first');
      await attach([shared.id], 'second');
      await attach([twinOfOther.id], 'third');
      const { unusedBlobs } = await store.deleteMessage({ messageId: first.message.id, now });
      // `shared` is still on another message; `twin`'s bytes are also those of another upload.
      expect(unusedBlobs).toEqual([only.sha256]);
      expect([await store.getFile(only.id), await store.getFile(twin.id)]).toEqual([null, null]);
      expect(await store.mayReadFile(only.id, alice.id)).toBe(false);
      expect(await store.getFile(shared.id)).not.toBeNull();
      expect(await store.hasFileWithContent(twin.sha256)).toBe(true);
      expect(await store.uploadedBytes(alice.id)).toBe(10);
      expect(await store.uploadedBytes(bob.id)).toBe(0);
    });

    test('whether any upload holds some bytes, before and after abandoned uploads are deleted', async () => {
      const sha256 = 'ab'.repeat(32);
      const upload = { sha256, name: 'a.txt', mime: 'text/plain', size: 3, width: null, height: null, hasThumbnail: false, uploaderId: alice.id };
      await store.createFile({ ...upload, createdAt: now - 10 });
      expect([await store.hasFileWithContent(sha256), await store.hasFileWithContent('cd'.repeat(32))]).toEqual([true, false]);
      expect(await store.deleteUnattachedFiles(now)).toEqual([sha256]);
      expect(await store.hasFileWithContent(sha256)).toBe(false);
    });

    test('search finds what messages say now, whether they were changed long after sending or at once', async () => {
      const room = await store.createRoom({ name: 'Edits', topic: '', kind: 'public', createdBy: alice.id });
      const bodies = async (query: string) =>
        (await store.searchMessages({ userId: bob.id, query, roomId: room, limit: 10 })).map((h) => h.message.body).sort();
      const early = await send(room, alice, 'early draft about llamas');
      const gone = await send(room, alice, 'llamas are leaving');
      expect(await bodies('llama')).toEqual(['early draft about llamas', 'llamas are leaving']);
      await store.editMessage({ messageId: early.message.id, body: 'early words about alpacas', now });
      await store.deleteMessage({ messageId: gone.message.id, now });
      const fresh = await send(room, alice, 'fresh note about llamas');
      await store.editMessage({ messageId: fresh.message.id, body: 'fresh note about alpacas', now });
      const fleeting = await send(room, alice, 'fleeting llama remark');
      await store.deleteMessage({ messageId: fleeting.message.id, now });
      await send(room, alice, 'last llama standing');
      expect(await bodies('llama')).toEqual(['last llama standing']);
      expect(await bodies('alpaca')).toEqual(['early words about alpacas', 'fresh note about alpacas']);
    });
  });
}
