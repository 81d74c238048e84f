import { expect, test } from 'vitest';
import { eventually, signUp, type Client } from './harness.ts';
import { codeOf, serverForFile, uniqueName } from './helpers.ts';

const { server, pool } = await serverForFile();

function watchTyping(client: Client, roomId: string) {
  const states: string[][] = [];
  const errors: unknown[] = [];
  let resolveStarted!: () => void;
  let rejectStarted!: (e: unknown) => void;
  const started = new Promise<void>((res, rej) => {
    resolveStarted = res;
    rejectStarted = rej;
  });
  started.catch(() => {});
  const sub = client.room.onTyping.subscribe(
    { roomId },
    {
      onStarted: () => resolveStarted(),
      onData: (state) => states.push(state.users.map((u) => u.id).sort()),
      onError: (err) => {
        errors.push(err);
        rejectStarted(err);
      },
    },
  );
  return { states, errors, started, stop: () => sub.unsubscribe() };
}

test('typing shows up for others, clears on typing: false, and expires by itself', async () => {
  const alice = pool.add(await signUp(server, 'alice'));
  const bob = pool.add(await signUp(server, 'bob'));
  const room = await alice.client.room.create.mutate({ name: uniqueName('Typing') });
  await bob.client.room.join.mutate({ roomId: room.id });

  const watch = watchTyping(bob.client, room.id);
  await watch.started;
  await alice.client.room.setTyping.mutate({ roomId: room.id, typing: true });
  await eventually(() => expect(watch.states.at(-1)).toEqual([alice.user.id]));
  await bob.client.room.setTyping.mutate({ roomId: room.id, typing: true });
  await eventually(() => expect(watch.states.at(-1)).toEqual([alice.user.id, bob.user.id].sort()));
  await alice.client.room.setTyping.mutate({ roomId: room.id, typing: false });
  await eventually(() => expect(watch.states.at(-1)).toEqual([bob.user.id]));
  // Bob never says he stopped: his signal lapses on its own.
  await eventually(() => expect(watch.states.at(-1)).toEqual([]), 15_000);
  expect(watch.errors).toEqual([]);
  watch.stop();
});

test('someone who starts watching learns at once who is already typing', async () => {
  const alice = pool.add(await signUp(server, 'alice'));
  const bob = pool.add(await signUp(server, 'bob'));
  const room = await alice.client.room.create.mutate({ name: uniqueName('Typing late') });
  await bob.client.room.join.mutate({ roomId: room.id });
  const first = watchTyping(alice.client, room.id);
  await first.started;
  await alice.client.room.setTyping.mutate({ roomId: room.id, typing: true });
  await eventually(() => expect(first.states.at(-1)).toEqual([alice.user.id]));

  const late = watchTyping(bob.client, room.id);
  await eventually(() => expect(late.states).toEqual([[alice.user.id]]));
  first.stop();
  late.stop();
});

test('an outsider cannot watch typing in a private room', async () => {
  const alice = pool.add(await signUp(server, 'owner'));
  const eve = pool.add(await signUp(server, 'eve'));
  const room = await alice.client.room.create.mutate({ name: uniqueName('Quiet'), kind: 'private' });
  const watch = watchTyping(eve.client, room.id);
  const err = await watch.started.then(() => null, (e: unknown) => e);
  watch.stop();
  expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(err));
});

test('logging out ends a running onTyping subscription on the open socket', async () => {
  const alice = pool.add(await signUp(server, 'leaver'));
  const bob = pool.add(await signUp(server, 'typist'));
  const observer = pool.add(await signUp(server, 'observer'));
  const room = await bob.client.room.create.mutate({ name: uniqueName('Logout typing') });
  await alice.client.room.join.mutate({ roomId: room.id });

  const aliceWatch = watchTyping(alice.client, room.id);
  const observerWatch = watchTyping(observer.client, room.id);
  await Promise.all([aliceWatch.started, observerWatch.started]);
  await bob.client.room.setTyping.mutate({ roomId: room.id, typing: true });
  await eventually(() => expect(aliceWatch.states.at(-1)).toEqual([bob.user.id]));
  const seenBeforeLogout = aliceWatch.states.length;

  await alice.client.auth.logout.mutate();
  await bob.client.room.setTyping.mutate({ roomId: room.id, typing: false });
  await eventually(() => expect(observerWatch.states.at(-1)).toEqual([]));
  // The token no longer works on this socket: the subscription ends (UNAUTHORIZED) instead of streaming on.
  await eventually(() => expect(aliceWatch.errors.map(codeOf)).toEqual(['UNAUTHORIZED']));
  expect(aliceWatch.states).toHaveLength(seenBeforeLogout);
  aliceWatch.stop();
  observerWatch.stop();
});
