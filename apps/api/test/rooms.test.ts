import { describe, expect, test } from 'vitest';
import { connectHttp, eventually, roomByName, signUp } from './harness.ts';
import { codeOf, expectCode, type Member, serverForFile, uniqueName, watchRoom } from './helpers.ts';

const { server, pool, users: { alice, bob, carol } } = await serverForFile(['alice', 'bob', 'carol']);

const listIds = async (m: Member) => (await m.client.room.list.query()).map((r) => r.id);

describe('room.create', () => {
  test('the creator has joined, memberCount is 1, kind defaults to public', async () => {
    const name = uniqueName('Book Club');
    const room = await alice.client.room.create.mutate({ name, topic: 'what we read' });
    expect(room).toMatchObject({ name, topic: 'what we read', kind: 'public', memberCount: 1, joined: true, unreadCount: 0 });
    expect(typeof room.id).toBe('string');
    const members = await alice.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
    // Everyone sees a public room, not joined.
    const seenByBob = (await bob.client.room.list.query()).find((r) => r.id === room.id);
    expect(seenByBob).toMatchObject({ name, kind: 'public', joined: false, memberCount: 1 });
  });

  test('kind private makes a private room', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Secret'), kind: 'private' });
    expect(room).toMatchObject({ kind: 'private', joined: true, memberCount: 1 });
  });

  test('a duplicate name, in any case, is CONFLICT', async () => {
    const name = uniqueName('Dup Room');
    await alice.client.room.create.mutate({ name });
    await expectCode(bob.client.room.create.mutate({ name }), 'CONFLICT');
    await expectCode(bob.client.room.create.mutate({ name: name.toUpperCase() }), 'CONFLICT');
    await expectCode(bob.client.room.create.mutate({ name: name.toLowerCase(), kind: 'private' }), 'CONFLICT');
    await expectCode(bob.client.room.create.mutate({ name: 'general' }), 'CONFLICT');
  });
});

describe('Room shape', () => {
  test('rooms carry every contract field, with ISO-8601 times', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Shape') });
    const keys = ['id', 'joined', 'kind', 'lastMessageAt', 'memberCount', 'name', 'topic', 'unreadCount'];
    expect(Object.keys(room)).toEqual(expect.arrayContaining(keys));
    expect(room.lastMessageAt).toBeNull();
    const msg = await alice.client.message.send.mutate({ roomId: room.id, body: 'tick', clientMsgId: uniqueName('c') });
    const listed = (await bob.client.room.list.query()).find((r) => r.id === room.id)!;
    expect(Object.keys(listed)).toEqual(expect.arrayContaining(keys));
    expect(listed.lastMessageAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Date.parse(listed.lastMessageAt!)).toBe(Date.parse(msg.createdAt));
    expect(msg.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const joined = await bob.client.room.join.mutate({ roomId: room.id });
    expect(Object.keys(joined)).toEqual(expect.arrayContaining(keys));
    const frank = pool.add(await signUp(server, 'frank'));
    const dm = await alice.client.dm.open.mutate({ userId: frank.user.id });
    expect(Object.keys(dm)).toEqual(expect.arrayContaining(keys));
  });
});

describe('room.list', () => {
  test('shows every public room and only my own private and direct rooms', async () => {
    const pub = await bob.client.room.create.mutate({ name: uniqueName('Open Space') });
    const priv = await alice.client.room.create.mutate({ name: uniqueName('Alice Only'), kind: 'private' });
    const dm = await alice.client.dm.open.mutate({ userId: bob.user.id });

    const carolRooms = await carol.client.room.list.query();
    const carolNames = carolRooms.map((r) => r.name);
    expect(carolNames).toEqual(expect.arrayContaining(['General', 'Tech Talk', 'Random', pub.name]));
    expect(carolRooms.map((r) => r.id)).not.toContain(priv.id);
    expect(carolRooms.map((r) => r.id)).not.toContain(dm.id);
    expect(carolRooms.every((r) => r.kind === 'public')).toBe(true);

    expect(await listIds(alice)).toEqual(expect.arrayContaining([pub.id, priv.id, dm.id]));
    const bobIds = await listIds(bob);
    expect(bobIds).toEqual(expect.arrayContaining([pub.id, dm.id]));
    expect(bobIds).not.toContain(priv.id);
  });
});

describe('room.join / room.leave', () => {
  test('joining a public room makes me a member; leaving undoes it', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Joinable') });
    const joined = await bob.client.room.join.mutate({ roomId: room.id });
    expect(joined).toMatchObject({ id: room.id, joined: true, memberCount: 2 });
    let members = await alice.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id).sort()).toEqual([alice.user.id, bob.user.id].sort());

    // Joining twice changes nothing.
    expect(await bob.client.room.join.mutate({ roomId: room.id })).toMatchObject({ memberCount: 2, joined: true });

    await bob.client.room.leave.mutate({ roomId: room.id });
    const after = (await bob.client.room.list.query()).find((r) => r.id === room.id);
    expect(after).toMatchObject({ joined: false, memberCount: 1 });
    members = await alice.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
    await expectCode(bob.client.message.send.mutate({ roomId: room.id, body: 'x', clientMsgId: uniqueName('c') }), 'FORBIDDEN');
  });

  test('in a room followed live, where membership is not read again per send, leaving refuses the next send at once', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Followed') });
    await bob.client.room.join.mutate({ roomId: room.id });
    const watch = watchRoom(alice.client, room.id);
    await watch.started;
    const bobElsewhere = pool.connect(server, bob.token).client;
    const send = (client: typeof bobElsewhere, body: string) => client.message.send.mutate({ roomId: room.id, body, clientMsgId: uniqueName('c') });
    await send(bob.client, 'known as a member now');
    await send(bobElsewhere, 'and on another socket');
    await bob.client.room.leave.mutate({ roomId: room.id });
    await expectCode(send(bob.client, 'after leaving'), 'FORBIDDEN');
    await expectCode(send(bobElsewhere, 'after leaving, elsewhere'), 'FORBIDDEN');
    // Joining again is seen at once too.
    await bob.client.room.join.mutate({ roomId: room.id });
    await send(bobElsewhere, 'back');
    expect(watch.events.map((e) => e.message.body)).toEqual(['known as a member now', 'and on another socket', 'back']);
    watch.stop();
  });

  test('a missing room is NOT_FOUND', async () => {
    await expectCode(bob.client.room.join.mutate({ roomId: '987654321' }), 'NOT_FOUND');
    await expectCode(bob.client.room.leave.mutate({ roomId: '987654321' }), 'NOT_FOUND');
  });
});

describe('private rooms and invitations', () => {
  test('joining a private room without an invitation is FORBIDDEN', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Invite Only'), kind: 'private' });
    await expectCode(bob.client.room.join.mutate({ roomId: room.id }), 'FORBIDDEN');
    expect(await listIds(bob)).not.toContain(room.id);
    const members = await alice.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
  });

  test('after an invitation the invitee sees the room and can join and talk', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Invited'), kind: 'private' });
    await alice.client.room.invite.mutate({ roomId: room.id, userId: bob.user.id });
    expect(await listIds(bob)).toContain(room.id);
    const joined = await bob.client.room.join.mutate({ roomId: room.id });
    expect(joined).toMatchObject({ id: room.id, kind: 'private', joined: true, memberCount: 2 });
    const sent = await bob.client.message.send.mutate({ roomId: room.id, body: 'thanks', clientMsgId: uniqueName('c') });
    const history = await alice.client.message.history.query({ roomId: room.id });
    expect(history.messages.map((m) => m.id)).toEqual([sent.id]);
    // The invitee, now a member, may invite others in turn.
    await bob.client.room.invite.mutate({ roomId: room.id, userId: carol.user.id });
    expect(await listIds(carol)).toContain(room.id);
  });

  test('a non-member cannot invite anyone to a private room', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Closed'), kind: 'private' });
    await expectCode(carol.client.room.invite.mutate({ roomId: room.id, userId: carol.user.id }), 'FORBIDDEN');
    await expectCode(carol.client.room.invite.mutate({ roomId: room.id, userId: bob.user.id }), 'FORBIDDEN');
    expect(await listIds(carol)).not.toContain(room.id);
    expect(await listIds(bob)).not.toContain(room.id);
    const members = await alice.client.room.members.query({ roomId: room.id });
    expect(members.map((m) => m.user.id)).toEqual([alice.user.id]);
  });

  test('inviting a missing user is NOT_FOUND', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Ghosts'), kind: 'private' });
    await expectCode(alice.client.room.invite.mutate({ roomId: room.id, userId: '987654321' }), 'NOT_FOUND');
  });
});

describe('dm.open', () => {
  test('gives the same direct room for the same pair, from either side', async () => {
    const dave = pool.add(await signUp(server, 'dave'));
    const fromAlice = await alice.client.dm.open.mutate({ userId: dave.user.id });
    const again = await alice.client.dm.open.mutate({ userId: dave.user.id });
    const fromDave = await dave.client.dm.open.mutate({ userId: alice.user.id });
    expect(fromAlice).toMatchObject({ kind: 'direct', memberCount: 2, joined: true });
    expect(again.id).toBe(fromAlice.id);
    expect(fromDave.id).toBe(fromAlice.id);
    const members = await dave.client.room.members.query({ roomId: fromAlice.id });
    expect(members.map((m) => m.user.id).sort()).toEqual([alice.user.id, dave.user.id].sort());
    // A different pair gets a different room.
    const other = await carol.client.dm.open.mutate({ userId: dave.user.id });
    expect(other.id).not.toBe(fromAlice.id);
  });

  test('a direct room is invisible and closed to a third user', async () => {
    const dm = await bob.client.dm.open.mutate({ userId: alice.user.id });
    expect(await listIds(carol)).not.toContain(dm.id);
    await expectCode(carol.client.room.join.mutate({ roomId: dm.id }), ['FORBIDDEN', 'NOT_FOUND']);
    expect(await listIds(carol)).not.toContain(dm.id);
    // Nobody can be invited into a direct room by an outsider.
    await expectCode(carol.client.room.invite.mutate({ roomId: dm.id, userId: carol.user.id }), ['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);
    const members = await alice.client.room.members.query({ roomId: dm.id });
    expect(members).toHaveLength(2);
  });

  test('a missing user is NOT_FOUND', async () => {
    await expectCode(alice.client.dm.open.mutate({ userId: '987654321' }), 'NOT_FOUND');
  });
});

describe('room.members online', () => {
  test('online is true while a user has an open WebSocket and false once it closes', async () => {
    const host = pool.add(await signUp(server, 'host'));
    const guest = await signUp(server, 'guest');
    const room = await host.client.room.create.mutate({ name: uniqueName('Presence') });
    await guest.client.room.join.mutate({ roomId: room.id });
    const onlineOf = async (userId: string) =>
      (await host.client.room.members.query({ roomId: room.id })).find((m) => m.user.id === userId)?.online;

    await eventually(async () => expect(await onlineOf(guest.user.id)).toBe(true));
    expect(await onlineOf(host.user.id)).toBe(true);

    await guest.close();
    await eventually(async () => expect(await onlineOf(guest.user.id)).toBe(false));
    expect(await onlineOf(host.user.id)).toBe(true);
  });

  test('a user with two sockets stays online until both are closed', async () => {
    const host = pool.add(await signUp(server, 'host2'));
    const twin = await signUp(server, 'twin');
    const second = pool.connect(server, twin.token);
    expect(await second.client.auth.me.query()).toEqual(twin.user);
    const room = await host.client.room.create.mutate({ name: uniqueName('Twins') });
    await twin.client.room.join.mutate({ roomId: room.id });
    const onlineOf = async () =>
      (await host.client.room.members.query({ roomId: room.id })).find((m) => m.user.id === twin.user.id)?.online;
    await eventually(async () => expect(await onlineOf()).toBe(true));
    const openSockets = async () =>
      Number((await fetch(`${server.url}/metrics`).then((r) => r.text())).match(/^chat_open_websockets (\d+)/m)?.[1]);
    const before = await openSockets();
    await twin.close();
    // Still one open socket: must stay online (checked once the server has seen the close).
    await eventually(async () => expect(await openSockets()).toBe(before - 1));
    expect(await onlineOf()).toBe(true);
    await second.close();
    await eventually(async () => expect(await onlineOf()).toBe(false));
  });

  test('room.onPresence streams who is online, then each real change, pushed', async () => {
    const host = pool.add(await signUp(server, 'watcher'));
    const { token, user: guest } = await connectHttp(server).auth.register.mutate({
      username: uniqueName('comer').replace(/-/g, '_'),
      password: 'correct horse battery',
    });
    const room = await host.client.room.create.mutate({ name: uniqueName('Live presence') });
    await connectHttp(server, token).room.join.mutate({ roomId: room.id });
    const events: unknown[] = [];
    const sub = host.client.room.onPresence.subscribe({ roomId: room.id }, { onData: (event) => events.push(event) });
    await eventually(() => expect(events).toEqual([{ type: 'snapshot', online: [host.user.id] }]));

    const first = pool.connect(server, token);
    await eventually(() => expect(events.at(-1)).toEqual({ type: 'change', userId: guest.id, online: true }));
    // A second socket and the first one closing change nothing: the guest is still online.
    const second = pool.connect(server, token);
    expect(await second.client.auth.me.query()).toEqual(guest);
    await first.close();
    await second.close();
    await eventually(() => expect(events.at(-1)).toEqual({ type: 'change', userId: guest.id, online: false }));
    expect(events).toHaveLength(3);
    sub.unsubscribe();
  });

  test('room.onPresence of a private room is refused to an outsider', async () => {
    const owner = pool.add(await signUp(server, 'owner'));
    const outsider = pool.add(await signUp(server, 'outsider'));
    const room = await owner.client.room.create.mutate({ name: uniqueName('Private presence'), kind: 'private' });
    const events: unknown[] = [];
    let settle: (err: unknown) => void = () => {};
    const settled = new Promise<unknown>((resolve) => (settle = resolve));
    const sub = outsider.client.room.onPresence.subscribe(
      { roomId: room.id },
      { onData: (event) => events.push(event), onError: settle, onStarted: () => settle(null) },
    );
    const err = await settled;
    sub.unsubscribe();
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(err));
    expect(events).toEqual([]);
  });

  test('a user who only ever used HTTP is offline', async () => {
    const { token, user } = await connectHttp(server).auth.register.mutate({
      username: uniqueName('httponly').replace(/-/g, '_'),
      password: 'correct horse battery',
    });
    const general = await roomByName(alice.client, 'General');
    await connectHttp(server, token).room.join.mutate({ roomId: general.id });
    const members = await alice.client.room.members.query({ roomId: general.id });
    expect(members.find((m) => m.user.id === user.id)).toEqual({ user, online: false, role: 'member' });
  });
});
