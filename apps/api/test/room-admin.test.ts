import type { RoomEvent } from '@chat/api-types';
import { describe, expect, test } from 'vitest';
import { connectHttp, eventually, roomByName, signUp, type Client } from './harness.ts';
import { codeOf, expectBadField, expectCode, serverForFile, uniqueName } from './helpers.ts';

// `root` signs up first: the server admin.
const { server, users: { root, ann, bob, cat } } = await serverForFile(['root', 'ann', 'bob', 'cat']);

/** Every event of a room this client is sent, and the code its stream ended with. */
function follow(client: Client, roomId: string) {
  const events: RoomEvent[] = [];
  const ended: (string | undefined)[] = [];
  const sub = client.message.onEvent.subscribe({ roomId }, { onData: (e) => events.push(e.data), onError: (err) => ended.push(codeOf(err)) });
  return { events, ended, stop: () => sub.unsubscribe() };
}

/** A room `ann` created (its owner) with bob and cat as members. */
async function annsRoom(kind: 'public' | 'private' = 'private') {
  const { id: roomId } = await ann.client.room.create.mutate({ name: uniqueName('looked after'), kind });
  for (const m of [bob, cat]) await ann.client.room.invite.mutate({ roomId, userId: m.user.id });
  return roomId;
}

const noticesOf = (events: RoomEvent[]) => events.flatMap((e) => (e.message.notice ? [e.message.notice.kind] : []));

describe('a room that someone looks after', () => {
  test('its owner names an admin, who renames it and changes its topic; everyone sees notices live', async () => {
    const roomId = await annsRoom();
    const seen = follow(cat.client, roomId);
    await expectCode(bob.client.room.update.mutate({ roomId, name: 'mine now' }), 'FORBIDDEN');
    await ann.client.room.setRole.mutate({ roomId, userId: bob.user.id, role: 'admin' });
    await bob.client.room.update.mutate({ roomId, name: uniqueName('renamed'), topic: 'lunch plans' });
    expect((await bob.client.room.list.query()).find((r) => r.id === roomId)).toMatchObject({ topic: 'lunch plans', role: 'admin' });
    await eventually(() => expect(noticesOf(seen.events)).toEqual(['role-changed', 'renamed', 'topic-changed']));
    // Clients that show only bodies read what happened.
    expect(seen.events.at(-1)?.message).toMatchObject({ author: bob.user, body: 'changed the topic to “lunch plans”' });
    // An admin names no admins.
    await expectCode(bob.client.room.setRole.mutate({ roomId, userId: cat.user.id, role: 'admin' }), 'FORBIDDEN');
    const members = await cat.client.room.members.query({ roomId });
    expect(Object.fromEntries(members.map((m) => [m.user.username, m.role]))).toEqual({ [ann.user.username]: 'owner', [bob.user.username]: 'admin', [cat.user.username]: 'member' });
    seen.stop();
  });

  test("a removed member's streams of a private room end at once; admins delete anyone's message", async () => {
    const roomId = await annsRoom();
    const said = await cat.client.message.send.mutate({ roomId, body: 'something rude', clientMsgId: uniqueName('c') });
    await expectCode(bob.client.room.deleteMessage.mutate({ messageId: said.id }), 'FORBIDDEN');
    expect(await ann.client.room.deleteMessage.mutate({ messageId: said.id })).toMatchObject({ deleted: true, body: '' });
    // message.delete stays the author's own.
    const another = await cat.client.message.send.mutate({ roomId, body: 'and again', clientMsgId: uniqueName('c') });
    await expectCode(ann.client.message.delete.mutate({ messageId: another.id }), 'FORBIDDEN');

    const cats = follow(cat.client, roomId);
    const bobs = follow(bob.client, roomId);
    await eventually(() => expect(cats.ended).toEqual([]));
    await ann.client.room.removeMember.mutate({ roomId, userId: cat.user.id });
    await eventually(() => expect(cats.ended).toEqual(['FORBIDDEN']));
    await eventually(() => expect(noticesOf(bobs.events)).toEqual(['member-removed']));
    await expectCode(cat.client.message.send.mutate({ roomId, body: 'let me back', clientMsgId: uniqueName('c') }), ['FORBIDDEN', 'NOT_FOUND']);
    expect((await cat.client.room.list.query()).some((r) => r.id === roomId)).toBe(false);
    // An admin may remove members, but no one removes the owner.
    await expectCode(bob.client.room.removeMember.mutate({ roomId, userId: ann.user.id }), 'FORBIDDEN');
    await ann.client.room.setRole.mutate({ roomId, userId: bob.user.id, role: 'admin' });
    await expectCode(bob.client.room.removeMember.mutate({ roomId, userId: ann.user.id }), 'BAD_REQUEST');
    bobs.stop();
  });

  test('an archived room refuses sends with a clear error and is still read; unarchived, it takes them again', async () => {
    const roomId = await annsRoom('public');
    await bob.client.message.send.mutate({ roomId, body: 'before the archive', clientMsgId: uniqueName('c') });
    await ann.client.room.setArchived.mutate({ roomId, archived: true });
    expect((await bob.client.room.list.query()).find((r) => r.id === roomId)).toMatchObject({ archived: true });
    const err = await expectCode(bob.client.message.send.mutate({ roomId, body: 'too late', clientMsgId: uniqueName('c') }), 'BAD_REQUEST');
    expect(err.message).toBe('roomId: the room is archived');
    // Named in data.field as a schema's refusal is, so a form can show it beside the field.
    expect(err.data).toMatchObject({ field: 'roomId' });
    const history = await root.client.message.history.query({ roomId });
    expect(history.messages.map((m) => m.notice?.kind ?? m.body)).toEqual(['before the archive', 'archived']);
    await ann.client.room.setArchived.mutate({ roomId, archived: false });
    await bob.client.message.send.mutate({ roomId, body: 'back again', clientMsgId: uniqueName('c') });
  });

  test("deleting a room ends everyone's streams of it and takes it off every list", async () => {
    const roomId = await annsRoom('public');
    const streams = [follow(bob.client, roomId), follow(root.client, roomId)];
    await eventually(() => expect(streams.map((s) => s.ended)).toEqual([[], []]));
    await expectCode(bob.client.room.delete.mutate({ roomId }), 'FORBIDDEN');
    await ann.client.room.delete.mutate({ roomId });
    await eventually(() => expect(streams.map((s) => s.ended)).toEqual([['NOT_FOUND'], ['NOT_FOUND']]));
    expect((await bob.client.room.list.query()).some((r) => r.id === roomId)).toBe(false);
    await expectCode(bob.client.message.history.query({ roomId }), 'NOT_FOUND');
  });
});

describe('the server admin', () => {
  test("is the server's first account, and looks after every room, the default ones too", async () => {
    expect((await root.client.auth.account.query()).serverAdmin).toBe(true);
    expect(await ann.client.auth.account.query()).toMatchObject({ user: ann.user, serverAdmin: false, deactivated: false });
    const roomId = await annsRoom();
    await root.client.room.update.mutate({ roomId, topic: 'set by the server admin' });
    const general = await roomByName(root.client, 'General');
    await root.client.room.update.mutate({ roomId: general.id, topic: 'welcome, everyone' });
    await expectCode(ann.client.room.update.mutate({ roomId: general.id, topic: 'mine' }), 'FORBIDDEN');
    await root.client.room.delete.mutate({ roomId });
  });

  test('deactivates an account: its sessions end at once, it cannot sign in, its messages stay', async () => {
    const victim = await signUp(server, 'leaver');
    const general = await roomByName(victim.client, 'General');
    const said = await victim.client.message.send.mutate({ roomId: general.id, body: 'my last words', clientMsgId: uniqueName('c') });
    const stream = follow(victim.client, general.id);
    await eventually(() => expect(stream.ended).toEqual([]));
    await expectCode(ann.client.admin.setDeactivated.mutate({ userId: victim.user.id, deactivated: true }), 'FORBIDDEN');
    // Others showing the victim's profile learn that it is deactivated.
    const told: string[] = [];
    let started!: () => void;
    const listening = new Promise<void>((resolve) => (started = resolve));
    const events = ann.client.user.onEvent.subscribe(undefined, { onStarted: () => started(), onData: (e) => e.type === 'profile-changed' && told.push(e.userId) });
    await listening;
    await root.client.admin.setDeactivated.mutate({ userId: victim.user.id, deactivated: true });
    await eventually(() => expect(stream.ended).toEqual(['UNAUTHORIZED']));
    await eventually(() => expect(told).toEqual([victim.user.id]));
    events.unsubscribe();
    expect((await ann.client.user.profiles.query({ userIds: [victim.user.id] }))[0]?.deactivated).toBe(true);
    const login = { username: victim.user.username, password: 'correct horse battery' };
    expect((await expectCode(connectHttp(server).auth.login.mutate(login), 'FORBIDDEN')).message).toContain('deactivated');
    expect((await ann.client.message.history.query({ roomId: general.id })).messages.some((m) => m.id === said.id)).toBe(true);
    expect((await root.client.admin.users.query({ query: 'leaver' })).map((a) => [a.user.id, a.deactivated])).toEqual([[victim.user.id, true]]);
    await expectBadField(root.client.admin.setDeactivated.mutate({ userId: root.user.id, deactivated: true }), 'userId');

    await root.client.admin.setDeactivated.mutate({ userId: victim.user.id, deactivated: false });
    await connectHttp(server).auth.login.mutate(login);
    await victim.close();
  });
});
