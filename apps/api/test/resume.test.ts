import { describe, expect, test } from 'vitest';
import { connectHttp, connectWs, eventually, signUp, startTestServer } from './harness.ts';
import { allHistory, ClientPool, codeOf, expectBadField, type Member, type ReceivedEvent, serverForFile, uniqueName, watchRoom } from './helpers.ts';

const { server, pool, users: { alice, bob } } = await serverForFile(['alice', 'bob']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (m: Member, roomId: string, body: string) => m.client.message.send.mutate({ roomId, body, clientMsgId: uniqueName('c') });

function expectStrictlyIncreasing(events: ReceivedEvent[]) {
  const ids = events.map((e) => Number(e.id));
  for (let i = 1; i < ids.length; i++) expect(ids[i], `event ${i} after ${ids[i - 1]}`).toBeGreaterThan(ids[i - 1]!);
}

describe('message.onEvent with lastEventId', () => {
  test('replays every event after it in order, then streams live ones', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Replay') });
    for (let i = 0; i < 5; i++) await send(alice, room.id, `early ${i}`);
    const { lastEventId } = await alice.client.message.history.query({ roomId: room.id });
    const missed = [];
    for (let i = 0; i < 5; i++) missed.push(await send(alice, room.id, `missed ${i}`));
    await alice.client.message.edit.mutate({ messageId: missed[0]!.id, body: 'missed 0 (edited)' });

    const watch = watchRoom(bob.client, room.id, lastEventId);
    await watch.started;
    await eventually(() => expect(watch.events).toHaveLength(6));
    const live = [];
    for (let i = 0; i < 3; i++) live.push(await send(alice, room.id, `live ${i}`));
    await eventually(() => expect(watch.events).toHaveLength(9));

    // A replay shows each message as it is now, so the edit shows in its created event too.
    expect(watch.events.map((e) => [e.type, e.message.body])).toEqual([
      ['created', 'missed 0 (edited)'],
      ...missed.slice(1).map((m) => ['created', m.body]),
      ['updated', 'missed 0 (edited)'],
      ...live.map((m) => ['created', m.body]),
    ]);
    expectStrictlyIncreasing(watch.events);
    expect(Number(watch.events[0]!.id)).toBeGreaterThan(Number(lastEventId));
    expect(watch.errors).toEqual([]);
    watch.stop();
  });

  test('lastEventId "0" replays the room from its first event', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('From zero') });
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await send(alice, room.id, `z${i}`));
    const watch = watchRoom(bob.client, room.id, '0');
    await eventually(() => expect(watch.events).toHaveLength(4));
    expect(watch.events.map((e) => e.message.id)).toEqual(sent.map((m) => m.id));
    watch.stop();
  });

  test('without lastEventId only events after the subscription arrive', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Live only') });
    await send(alice, room.id, 'old');
    const watch = watchRoom(bob.client, room.id);
    await watch.started;
    const fresh = await send(alice, room.id, 'new');
    await eventually(() => expect(watch.events.map((e) => e.message.id)).toEqual([fresh.id]));
    watch.stop();
  });

  test('a lastEventId that is not an event id is BAD_REQUEST', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Bad id') });
    for (const bad of ['abc', '-5', '1.5']) {
      const watch = watchRoom(bob.client, room.id, bad);
      const err = await watch.started.then(() => null, (e: unknown) => e);
      expect(codeOf(err), bad).toBe('BAD_REQUEST');
    }
    await expectBadField(bob.client.message.history.query({ roomId: room.id, before: 'abc' }), 'before');
  });
});

describe('reconnecting through concurrent writers', () => {
  test('4 writers × 50 messages while a subscriber reconnects every ~100 ms: nothing lost, nothing repeated, history order', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Storm') });
    const writers = [alice, bob, pool.add(await signUp(server, 'w3')), pool.add(await signUp(server, 'w4'))];
    for (const w of writers.slice(1)) await w.client.room.join.mutate({ roomId: room.id });
    const reader = pool.add(await signUp(server, 'reader'));
    const start = await reader.client.message.history.query({ roomId: room.id });

    const received: ReceivedEvent[] = [];
    const unexpectedErrors: unknown[] = [];
    let lastId = start.lastEventId;
    let generation = 0;
    let writing = true;
    let connectionsWhileWriting = 0;
    let catchUpRounds = 0;

    const subscriberLoop = async () => {
      // After the writers are done, a few more rounds to catch up; a server that loses events never gets to 200.
      while (writing || (received.length < 200 && catchUpRounds++ < 20)) {
        if (writing) connectionsWhileWriting++;
        const mine = ++generation;
        const conn = connectWs(server, reader.token);
        conn.client.message.onEvent.subscribe(
          { roomId: room.id, lastEventId: lastId },
          {
            onData: (e) => {
              if (mine !== generation) return; // a late delivery to a connection we gave up on
              received.push({ id: e.id, type: e.data.type, message: e.data.message });
              lastId = e.id;
            },
            onError: (err) => {
              if (mine === generation) unexpectedErrors.push(err);
            },
          },
        );
        await sleep(100);
        generation++; // from here on this connection's deliveries are ignored
        await conn.close();
      }
    };

    const writerLoop = async (w: Member, index: number) => {
      const ids: string[] = [];
      for (let burst = 0; burst < 10; burst++) {
        const batch = await Promise.all(
          Array.from({ length: 5 }, (_, j) => send(w, room.id, `w${index} b${burst} m${j}`)),
        );
        ids.push(...batch.map((m) => m.id));
        await sleep(40 + 20 * index);
      }
      return ids;
    };

    const subscriber = subscriberLoop();
    const sentPerWriter = await Promise.all(writers.map((w, i) => writerLoop(w, i)));
    writing = false;
    await subscriber;

    const sent = sentPerWriter.flat();
    expect(new Set(sent).size).toBe(200);
    expect(connectionsWhileWriting).toBeGreaterThanOrEqual(5);
    expect(unexpectedErrors).toEqual([]);

    const receivedIds = received.map((e) => e.message.id);
    expect(received.every((e) => e.type === 'created')).toBe(true);
    expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    expect(new Set(receivedIds).size).toBe(receivedIds.length);
    expect([...receivedIds].sort()).toEqual([...sent].sort());
    expectStrictlyIncreasing(received);

    const history = await allHistory(reader.client, room.id);
    expect(receivedIds).toEqual(history.map((m) => m.id));
  });

  test('several subscribers at once each see the same sequence as history', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Chorus') });
    await bob.client.room.join.mutate({ roomId: room.id });
    const { lastEventId } = await alice.client.message.history.query({ roomId: room.id });
    const watchers = [
      watchRoom(pool.connect(server, alice.token).client, room.id, lastEventId),
      watchRoom(pool.connect(server, bob.token).client, room.id, lastEventId),
      watchRoom(bob.client, room.id, lastEventId),
    ];
    await Promise.all(watchers.map((w) => w.started));
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => send(alice, room.id, `a${i}`)),
      ...Array.from({ length: 30 }, (_, i) => send(bob, room.id, `b${i}`)),
    ]);
    const history = (await allHistory(alice.client, room.id)).map((m) => m.id);
    expect(history).toHaveLength(60);
    for (const w of watchers) {
      await eventually(() => expect(w.events.map((e) => e.message.id)).toEqual(history));
      w.stop();
    }
  });
});

describe('a server restart with the same DATA_DIR', () => {
  test('keeps users, sessions, rooms and messages, and a resuming subscriber gets exactly what it missed', async () => {
    const own = await startTestServer();
    const local = new ClientPool();
    try {
      const carol = local.add(await signUp(own, 'carol'));
      const dave = local.add(await signUp(own, 'dave'));
      const room = await carol.client.room.create.mutate({ name: uniqueName('Durable'), kind: 'private' });
      await carol.client.room.invite.mutate({ roomId: room.id, userId: dave.user.id });
      const before = [];
      for (let i = 0; i < 3; i++) before.push(await send(carol, room.id, `before ${i}`));

      // dave reads everything so far over a live subscription, then goes away.
      const first = watchRoom(dave.client, room.id, '0');
      await eventually(() => expect(first.events).toHaveLength(3));
      const lastSeen = first.events.at(-1)!.id;
      first.stop();

      // A subscriber that stays connected across the restart (wsLink reconnects and resumes by itself).
      const steady = watchRoom(local.connect(own, dave.token).client, room.id, lastSeen);
      await steady.started;

      await own.restart();

      // Sessions survive: the old tokens still work, over HTTP and over fresh sockets.
      expect(await connectHttp(own, carol.token).auth.me.query()).toEqual(carol.user);
      const carol2 = local.connect(own, carol.token);
      expect(await carol2.client.auth.me.query()).toEqual(carol.user);
      // Passwords too.
      const login = await connectHttp(own).auth.login.mutate({ username: dave.user.username, password: 'correct horse battery' });
      expect(login.user).toEqual(dave.user);
      // Rooms, membership and messages too.
      const daveRooms = await connectHttp(own, dave.token).room.list.query();
      expect(daveRooms.find((r) => r.id === room.id)).toMatchObject({ name: room.name, kind: 'private', joined: true, memberCount: 2 });
      expect(daveRooms.map((r) => r.name)).toEqual(expect.arrayContaining(['General', 'Tech Talk', 'Random']));
      expect(daveRooms.filter((r) => r.name === 'General')).toHaveLength(1);
      const history = await connectHttp(own, dave.token).message.history.query({ roomId: room.id });
      expect(history.messages).toEqual(before);

      const missed = [];
      for (let i = 0; i < 4; i++) missed.push(await carol2.client.message.send.mutate({ roomId: room.id, body: `after ${i}`, clientMsgId: `after-${i}` }));
      // An idempotent retry of a message from before the restart still finds the first.
      const retry = await carol2.client.message.send.mutate({ roomId: room.id, body: 'before 0', clientMsgId: before[0]!.clientMsgId });
      expect(retry.id).toBe(before[0]!.id);

      const resumed = watchRoom(local.connect(own, dave.token).client, room.id, lastSeen);
      await eventually(() => expect(resumed.events).toHaveLength(4));
      const live = await carol2.client.message.send.mutate({ roomId: room.id, body: 'live', clientMsgId: 'live' });
      const expected = [...missed, live].map((m) => m.id);
      await eventually(() => expect(resumed.events.map((e) => e.message.id)).toEqual(expected));
      expect(resumed.events.every((e) => e.type === 'created')).toBe(true);
      expect(resumed.errors).toEqual([]);

      await eventually(() => expect(steady.events.map((e) => e.message.id)).toEqual(expected), 10_000);
      resumed.stop();
      steady.stop();
    } finally {
      await local.closeAll();
      await own.close();
    }
  });
});
