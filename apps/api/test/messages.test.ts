import { describe, expect, test } from 'vitest';
import { connectHttp, eventually } from './harness.ts';
import { allHistory, expectBadField, expectCode, type Member, serverForFile, uniqueName, watchRoom } from './helpers.ts';

const { server, users: { alice, bob } } = await serverForFile(['alice', 'bob']);

/** A fresh public room of alice's that bob has joined too. */
async function sharedRoom(prefix = 'Room') {
  const room = await alice.client.room.create.mutate({ name: uniqueName(prefix) });
  await bob.client.room.join.mutate({ roomId: room.id });
  return room.id;
}

const send = (m: Member, roomId: string, body: string, clientMsgId = uniqueName('c')) =>
  m.client.message.send.mutate({ roomId, body, clientMsgId });

describe('message.send', () => {
  test('returns the stored message', async () => {
    const roomId = await sharedRoom();
    const msg = await send(alice, roomId, 'hello there', 'first-one');
    expect(msg).toMatchObject({
      roomId,
      author: alice.user,
      body: 'hello there',
      clientMsgId: 'first-one',
      editedAt: null,
      deleted: false,
      attachments: [],
    });
    expect(typeof msg.id).toBe('string');
    expect(Number.isNaN(Date.parse(msg.createdAt))).toBe(false);
    const page = await bob.client.message.history.query({ roomId });
    expect(page.messages).toEqual([msg]);
  });

  test('accepts 4000 characters and rejects 4001 as BAD_REQUEST naming body', async () => {
    const roomId = await sharedRoom();
    const ok = await send(alice, roomId, 'x'.repeat(4000));
    expect(ok.body).toHaveLength(4000);
    await expectBadField(send(alice, roomId, 'y'.repeat(4001)), 'body');
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.id)).toEqual([ok.id]);
  });

  test('rejects a blank body as BAD_REQUEST', async () => {
    const roomId = await sharedRoom();
    for (const body of ['', '   ', '\n\t  \n']) await expectBadField(send(alice, roomId, body), 'body');
    expect((await alice.client.message.history.query({ roomId })).messages).toEqual([]);
  });

  test('rejects malformed ids as BAD_REQUEST naming the field', async () => {
    const roomId = await sharedRoom();
    const msg = await send(alice, roomId, 'target');
    for (const bad of ['abc', '', '-1', '0', '1.5', '12abc', ' 1']) {
      await expectBadField(send(alice, bad, 'x'), 'roomId');
      await expectBadField(alice.client.message.history.query({ roomId: bad }), 'roomId');
      await expectBadField(alice.client.message.edit.mutate({ messageId: bad, body: 'x' }), 'messageId');
      await expectBadField(alice.client.message.delete.mutate({ messageId: bad }), 'messageId');
      await expectBadField(alice.client.message.markRead.mutate({ roomId, messageId: bad }), 'messageId');
      await expectBadField(alice.client.message.markRead.mutate({ roomId: bad, messageId: msg.id }), 'roomId');
    }
  });

  test('a missing room or message is NOT_FOUND', async () => {
    const roomId = await sharedRoom();
    const msg = await send(alice, roomId, 'exists');
    const missing = '987654321';
    await expectCode(send(alice, missing, 'x'), 'NOT_FOUND');
    await expectCode(alice.client.message.history.query({ roomId: missing }), 'NOT_FOUND');
    await expectCode(alice.client.message.edit.mutate({ messageId: missing, body: 'x' }), 'NOT_FOUND');
    await expectCode(alice.client.message.delete.mutate({ messageId: missing }), 'NOT_FOUND');
    await expectCode(alice.client.message.markRead.mutate({ roomId, messageId: missing }), 'NOT_FOUND');
    await expectCode(alice.client.message.markRead.mutate({ roomId: missing, messageId: msg.id }), 'NOT_FOUND');
  });
});

describe('idempotent send', () => {
  test('the same clientMsgId twice returns the first message and stores one', async () => {
    const roomId = await sharedRoom();
    const first = await send(alice, roomId, 'once', 'dup-1');
    const second = await send(alice, roomId, 'once', 'dup-1');
    const changedBody = await send(alice, roomId, 'a retry with another body', 'dup-1');
    expect(second).toEqual(first);
    expect(changedBody).toEqual(first);
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.id)).toEqual([first.id]);
  });

  test('concurrent sends with one clientMsgId make one message, over WebSocket and over batched HTTP', async () => {
    const roomId = await sharedRoom();
    const overWs = await Promise.all(Array.from({ length: 10 }, () => send(alice, roomId, 'racing', 'race-ws')));
    const http = connectHttp(server, alice.token);
    const overHttp = await Promise.all(
      Array.from({ length: 10 }, () => http.message.send.mutate({ roomId, body: 'racing', clientMsgId: 'race-http' })),
    );
    const mixed = await Promise.all([
      ...Array.from({ length: 5 }, () => send(alice, roomId, 'mixed', 'race-mixed')),
      ...Array.from({ length: 5 }, () => http.message.send.mutate({ roomId, body: 'mixed', clientMsgId: 'race-mixed' })),
    ]);
    for (const results of [overWs, overHttp, mixed]) {
      expect(new Set(results.map((m) => m.id)).size).toBe(1);
    }
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.id)).toEqual([overWs[0]!.id, overHttp[0]!.id, mixed[0]!.id]);
  });

  test('the same clientMsgId from two users makes two messages', async () => {
    const roomId = await sharedRoom();
    const a = await send(alice, roomId, 'from alice', 'shared-id');
    const b = await send(bob, roomId, 'from bob', 'shared-id');
    expect(a.id).not.toBe(b.id);
    expect(b.author.id).toBe(bob.user.id);
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.body)).toEqual(['from alice', 'from bob']);
  });
});

describe('edit and delete', () => {
  test('only the author may edit or delete', async () => {
    const roomId = await sharedRoom();
    const msg = await send(alice, roomId, 'mine');
    await expectCode(bob.client.message.edit.mutate({ messageId: msg.id, body: 'yours now' }), 'FORBIDDEN');
    await expectCode(bob.client.message.delete.mutate({ messageId: msg.id }), 'FORBIDDEN');
    const page = await bob.client.message.history.query({ roomId });
    expect(page.messages[0]).toMatchObject({ id: msg.id, body: 'mine', editedAt: null, deleted: false });
  });

  test('edit changes the body and sets editedAt; edit validates the body', async () => {
    const roomId = await sharedRoom();
    const msg = await send(alice, roomId, 'draft');
    const edited = await alice.client.message.edit.mutate({ messageId: msg.id, body: 'final' });
    expect(edited).toMatchObject({ id: msg.id, body: 'final', deleted: false, createdAt: msg.createdAt });
    expect(edited.editedAt).not.toBeNull();
    await expectBadField(alice.client.message.edit.mutate({ messageId: msg.id, body: 'z'.repeat(4001) }), 'body');
    await expectCode(alice.client.message.edit.mutate({ messageId: msg.id, body: '  ' }), 'BAD_REQUEST');
    const page = await bob.client.message.history.query({ roomId });
    expect(page.messages).toEqual([edited]);
  });

  test('delete leaves a tombstone with deleted: true and an empty body', async () => {
    const roomId = await sharedRoom();
    const keep = await send(alice, roomId, 'keep me');
    const msg = await send(alice, roomId, 'regrettable');
    const deleted = await alice.client.message.delete.mutate({ messageId: msg.id });
    expect(deleted).toMatchObject({ id: msg.id, deleted: true, body: '' });
    const page = await bob.client.message.history.query({ roomId });
    expect(page.messages.map((m) => [m.id, m.deleted, m.body])).toEqual([
      [keep.id, false, 'keep me'],
      [msg.id, true, ''],
    ]);
    // A tombstone cannot be edited back to life.
    await expectCode(alice.client.message.edit.mutate({ messageId: msg.id, body: 'back' }), ['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN']);
    expect((await bob.client.message.history.query({ roomId })).messages[1]).toMatchObject({ deleted: true, body: '' });
  });

  test('create, edit and delete arrive on onEvent as created, updated, deleted, in order', async () => {
    const roomId = await sharedRoom();
    const { lastEventId } = await bob.client.message.history.query({ roomId });
    const watch = watchRoom(bob.client, roomId, lastEventId);
    await watch.started;
    const msg = await send(alice, roomId, 'v1');
    await alice.client.message.edit.mutate({ messageId: msg.id, body: 'v2' });
    const other = await send(alice, roomId, 'other');
    await alice.client.message.delete.mutate({ messageId: msg.id });

    await eventually(() => expect(watch.events).toHaveLength(4));
    expect(watch.events.map((e) => [e.type, e.message.id, e.message.body, e.message.deleted])).toEqual([
      ['created', msg.id, 'v1', false],
      ['updated', msg.id, 'v2', false],
      ['created', other.id, 'other', false],
      ['deleted', msg.id, '', true],
    ]);
    expect(watch.events[1]!.message.editedAt).not.toBeNull();
    const ids = watch.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
    watch.stop();
  });
});

describe('message.history', () => {
  test('walking nextCursor over 120 messages gives each once, oldest first, ending with null', async () => {
    const roomId = await sharedRoom('Paging');
    const sent: string[] = [];
    for (let i = 0; i < 120; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => send(j % 2 ? bob : alice, roomId, `m${i + j}`, `page-${i + j}`)),
      );
      sent.push(...batch.map((m) => m.id));
    }
    // The order of the room is the order history gives when read in one go.
    const ordered = await allHistory(alice.client, roomId, 100);
    expect(ordered.map((m) => m.id).sort()).toEqual([...sent].sort());

    const pages: string[][] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await bob.client.message.history.query({ roomId, before, limit: 25 });
      expect(page.messages.length).toBeLessThanOrEqual(25);
      pages.push(page.messages.map((m) => m.id));
      if (page.nextCursor === null) break;
      expect(page.messages).toHaveLength(25);
      before = page.nextCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([25, 25, 25, 25, 20]);
    const walked = pages.reverse().flat();
    expect(walked).toEqual(ordered.map((m) => m.id));
    expect(new Set(walked).size).toBe(120);
    // Within the first (newest) page: oldest first, by creation order.
    const newest = await bob.client.message.history.query({ roomId, limit: 25 });
    expect(newest.messages.map((m) => m.id)).toEqual(ordered.slice(95).map((m) => m.id));
    const seqs = ordered.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  test('defaults to 50 and an empty room has no messages and a null cursor', async () => {
    const roomId = await sharedRoom();
    expect(await alice.client.message.history.query({ roomId })).toMatchObject({ messages: [], nextCursor: null });
    for (let i = 0; i < 60; i++) await send(alice, roomId, `n${i}`);
    const page = await alice.client.message.history.query({ roomId });
    expect(page.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `n${i + 10}`));
    expect(page.nextCursor).not.toBeNull();
    const rest = await alice.client.message.history.query({ roomId, before: page.nextCursor });
    expect(rest.messages.map((m) => m.body)).toEqual(Array.from({ length: 10 }, (_, i) => `n${i}`));
    expect(rest.nextCursor).toBeNull();
  });

  test('limit outside 1–100 is BAD_REQUEST naming limit', async () => {
    const roomId = await sharedRoom();
    for (const limit of [0, -1, 101, 1000, 2.5]) {
      await expectBadField(alice.client.message.history.query({ roomId, limit }), 'limit');
    }
    await expect(alice.client.message.history.query({ roomId, limit: 1 })).resolves.toMatchObject({ messages: [] });
    await expect(alice.client.message.history.query({ roomId, limit: 100 })).resolves.toMatchObject({ messages: [] });
  });

  test('lastEventId is the room’s newest event id', async () => {
    const roomId = await sharedRoom();
    const { lastEventId } = await alice.client.message.history.query({ roomId });
    const watch = watchRoom(bob.client, roomId, lastEventId);
    await watch.started;
    await send(alice, roomId, 'after');
    await eventually(() => expect(watch.events).toHaveLength(1));
    const now = await alice.client.message.history.query({ roomId });
    expect(now.lastEventId).toBe(watch.events[0]!.id);
    watch.stop();
  });
});

describe('unread counts', () => {
  const unreadOf = async (m: Member, roomId: string) =>
    (await m.client.room.list.query()).find((r) => r.id === roomId)?.unreadCount;

  test("others' messages count, mine do not, and markRead moves the marker forward only", async () => {
    const roomId = await sharedRoom('Unread');
    expect(await unreadOf(bob, roomId)).toBe(0);
    const a1 = await send(alice, roomId, 'a1');
    const a2 = await send(alice, roomId, 'a2');
    const a3 = await send(alice, roomId, 'a3');
    expect(await unreadOf(bob, roomId)).toBe(3);
    expect(await unreadOf(alice, roomId)).toBe(0);

    await send(bob, roomId, 'b1');
    await send(bob, roomId, 'b2');
    expect(await unreadOf(bob, roomId)).toBe(3);
    expect(await unreadOf(alice, roomId)).toBe(2);

    await bob.client.message.markRead.mutate({ roomId, messageId: a2.id });
    expect(await unreadOf(bob, roomId)).toBe(1);
    await bob.client.message.markRead.mutate({ roomId, messageId: a3.id });
    expect(await unreadOf(bob, roomId)).toBe(0);
    // An older message does not move the marker back.
    await bob.client.message.markRead.mutate({ roomId, messageId: a1.id });
    expect(await unreadOf(bob, roomId)).toBe(0);

    await send(alice, roomId, 'a4');
    expect(await unreadOf(bob, roomId)).toBe(1);
    await bob.client.message.markRead.mutate({ roomId, messageId: a2.id });
    expect(await unreadOf(bob, roomId)).toBe(1);
    // Alice's marker is independent of bob's.
    expect(await unreadOf(alice, roomId)).toBe(2);
  });

  test('a message of another room is NOT_FOUND for markRead there', async () => {
    const roomA = await sharedRoom();
    const roomB = await sharedRoom();
    const inB = await send(alice, roomB, 'elsewhere');
    await expectCode(bob.client.message.markRead.mutate({ roomId: roomA, messageId: inB.id }), 'NOT_FOUND');
    expect(await unreadOf(bob, roomB)).toBe(1);
  });
});
