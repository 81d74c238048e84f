import { describe, expect, test } from 'vitest';
import { connectWs, eventually, type Client } from './harness.ts';
import { expectBadField, expectCode, serverForFile, uniqueName } from './helpers.ts';

const { server, pool, users: { ann, bob, eve } } = await serverForFile(['ann', 'bob', 'eve']);

function watchUser(client: Client) {
  const events: string[] = [];
  let onStarted!: () => void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const sub = client.user.onEvent.subscribe(undefined, { onStarted: () => onStarted(), onData: (e) => events.push(e.type) });
  return { events, started, stop: () => sub.unsubscribe() };
}

const levelIn = async (client: Client, roomId: string) => (await client.room.list.query()).find((r) => r.id === roomId)?.notificationLevel;

describe('room.setNotificationLevel', () => {
  test('until chosen, a direct room notifies of everything and a room of mentions; the choice is answered and kept', async () => {
    const { id: dm } = await ann.client.dm.open.mutate({ userId: bob.user.id });
    const room = await ann.client.room.create.mutate({ name: uniqueName('levels') });
    expect([room.notificationLevel, await levelIn(ann.client, dm)]).toEqual(['mentions', 'all']);

    expect(await ann.client.room.setNotificationLevel.mutate({ roomId: room.id, level: 'muted' })).toMatchObject({ id: room.id, notificationLevel: 'muted' });
    // Idempotent: the same again answers the same.
    expect(await ann.client.room.setNotificationLevel.mutate({ roomId: room.id, level: 'muted' })).toEqual(
      (await ann.client.room.list.query()).find((r) => r.id === room.id),
    );
    expect(await ann.client.room.setNotificationLevel.mutate({ roomId: dm, level: 'mentions' })).toMatchObject({ notificationLevel: 'mentions' });
    expect([await levelIn(ann.client, room.id), await levelIn(ann.client, dm), await levelIn(bob.client, dm)]).toEqual(['muted', 'mentions', 'all']);
  });

  test("a level set on one device reaches the user's other devices, and nobody else", async () => {
    const room = await ann.client.room.create.mutate({ name: uniqueName('devices') });
    await ann.client.room.invite.mutate({ roomId: room.id, userId: bob.user.id });
    const otherDevice = pool.add(connectWs(server, ann.token));
    const anns = watchUser(otherDevice.client);
    const bobs = watchUser(bob.client);
    await Promise.all([anns.started, bobs.started]);

    await ann.client.room.setNotificationLevel.mutate({ roomId: room.id, level: 'all' });
    await eventually(() => expect(anns.events).toEqual(['rooms-changed']));
    expect(await levelIn(otherDevice.client, room.id)).toBe('all');
    // A change that bob does hear of: anything the level had sent him would have come first.
    await ann.client.room.update.mutate({ roomId: room.id, topic: 'after the level' });
    await eventually(() => expect(bobs.events).toEqual(['rooms-changed']));
    expect(await levelIn(bob.client, room.id)).toBe('mentions');
    anns.stop();
    bobs.stop();
  });

  test('members only, archived rooms included; leaving forgets the level', async () => {
    const priv = await ann.client.room.create.mutate({ name: uniqueName('private levels'), kind: 'private' });
    await expectCode(eve.client.room.setNotificationLevel.mutate({ roomId: priv.id, level: 'all' }), ['FORBIDDEN', 'NOT_FOUND']);
    const pub = await ann.client.room.create.mutate({ name: uniqueName('public levels') });
    await expectCode(eve.client.room.setNotificationLevel.mutate({ roomId: pub.id, level: 'all' }), 'FORBIDDEN');
    await expectCode(eve.client.room.setNotificationLevel.mutate({ roomId: '999999999', level: 'all' }), 'NOT_FOUND');
    await expectBadField(eve.client.room.setNotificationLevel.mutate({ roomId: pub.id, level: 'loud' as 'all' }), 'level');

    await ann.client.room.setArchived.mutate({ roomId: pub.id, archived: true });
    expect(await ann.client.room.setNotificationLevel.mutate({ roomId: pub.id, level: 'muted' })).toMatchObject({ archived: true, notificationLevel: 'muted' });

    const open = await ann.client.room.create.mutate({ name: uniqueName('rejoin') });
    await eve.client.room.join.mutate({ roomId: open.id });
    await eve.client.room.setNotificationLevel.mutate({ roomId: open.id, level: 'muted' });
    await eve.client.room.leave.mutate({ roomId: open.id });
    expect(await levelIn(eve.client, open.id)).toBe('mentions');
    expect(await eve.client.room.join.mutate({ roomId: open.id })).toMatchObject({ notificationLevel: 'mentions' });
  });
});
