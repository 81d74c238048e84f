import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectHttp, eventually, roomByName, signUp, startTestServer, type TestServer } from './harness.ts';
import { ClientPool, codeOf, expectBadField, expectCode, watchRoom } from './helpers.ts';

let server: TestServer;
const pool = new ClientPool();
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await pool.closeAll();
  await server.close();
});

const register = (username: string, password = PASSWORD, displayName?: string) =>
  connectHttp(server).auth.register.mutate({ username, password, displayName });

describe('auth.register', () => {
  test('returns a token and the user, folding the username to lower case', async () => {
    const { token, user } = await register('Mixed.Case_User-1', PASSWORD, 'Mixed Person');
    expect(typeof token).toBe('string');
    expect(token.length).toBeGreaterThan(16);
    expect(user).toMatchObject({ username: 'mixed.case_user-1', displayName: 'Mixed Person' });
    expect(typeof user.id).toBe('string');
    expect(await connectHttp(server, token).auth.me.query()).toEqual(user);
  });

  test('accepts usernames of 3 and of 32 allowed characters', async () => {
    await expect(register('a.b')).resolves.toMatchObject({ user: { username: 'a.b' } });
    const long = 'abcdefghijklmnopqrstuvwxyz_.-012';
    expect(long).toHaveLength(32);
    await expect(register(long)).resolves.toMatchObject({ user: { username: long } });
  });

  test.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(33)],
    ['a space', 'has space'],
    ['punctuation', 'bang!'],
    ['non-ASCII letters', 'jürgen'],
    ['a slash', 'a/b/c'],
    ['empty', ''],
  ])('rejects a username with %s as BAD_REQUEST naming username', async (_label, username) => {
    await expectBadField(register(username), 'username');
  });

  test('a display name cannot hide characters: invisible ones are dropped, the rest composed, spaces collapsed', async () => {
    // Right-to-left mark + zero-width space: would read as plain "alice" in a message header.
    const { user } = await register('lookalike', PASSWORD, 'alice\u200F\u200B');
    expect(user.displayName).toBe('alice');
    const { token, user: emile } = await register('emile', PASSWORD, '  E\u0301mile \u202Ethe\u2066  \t great\u00AD ');
    expect(emile.displayName).toBe('\u00C9mile the great');
    expect((await connectHttp(server, token).auth.me.query())?.displayName).toBe('\u00C9mile the great');
    // Joined emoji keep their joiner.
    await expect(register('coder', PASSWORD, '\u{1F469}\u200D\u{1F4BB} Ana')).resolves.toMatchObject({ user: { displayName: '\u{1F469}\u200D\u{1F4BB} Ana' } });
  });

  test('a name stored before names were cleaned is cleaned when the server starts', async () => {
    const { token, user } = await register('oldtimer', PASSWORD, 'Old Timer');
    // As an earlier version stored it, past today's input cleaning.
    await server.app.store.updateDisplayName(user.id, 'alice\u200F\u200B');
    await server.restart();
    expect((await connectHttp(server, token).auth.me.query())?.displayName).toBe('alice');
  });

  test('a display name with nothing visible, or over 64 characters, is BAD_REQUEST naming displayName', async () => {
    await expectBadField(register('invisible', PASSWORD, '\u200B\u3164\u2800'), 'displayName');
    await expectBadField(register('longname', PASSWORD, 'x'.repeat(65)), 'displayName');
    await expect(register('longname', PASSWORD, `${'x'.repeat(64)}\u200B`)).resolves.toMatchObject({ user: { displayName: 'x'.repeat(64) } });
  });

  test('a taken username is CONFLICT, whatever its case', async () => {
    await register('taken_name');
    await expectCode(register('taken_name'), 'CONFLICT');
    await expectCode(register('TAKEN_Name'), 'CONFLICT');
  });

  test('a password under 8 characters is BAD_REQUEST naming password; 8 is enough', async () => {
    await expectBadField(register('short_pw', '1234567'), 'password');
    await expectBadField(register('short_pw', ''), 'password');
    await expect(register('short_pw', '12345678')).resolves.toMatchObject({ user: { username: 'short_pw' } });
  });
});

describe('user.search', () => {
  test('finds users by part of their name and returns only public fields', async () => {
    const { user } = await register('findable_person');
    const searcher = pool.add(await signUp(server, 'searcher'));
    const hits = await searcher.client.user.search.query({ query: 'dable_pers' });
    expect(hits).toEqual([user]);
    expect(Object.keys(hits[0]!).sort()).toEqual(['displayName', 'id', 'username']);
    // displayName defaults to the username.
    expect(user.displayName).toBe('findable_person');
    expect(await searcher.client.user.search.query({ query: 'nobody-matches-this' })).toEqual([]);
  });
});

describe('auth.login', () => {
  test('the right password gives a new working token', async () => {
    const { user } = await register('login_ok');
    const { token, user: loggedIn } = await connectHttp(server).auth.login.mutate({ username: 'login_ok', password: PASSWORD });
    expect(loggedIn).toEqual(user);
    expect(await connectHttp(server, token).auth.me.query()).toEqual(user);
  });

  // Not spelled out in the contract, but usernames are folded on registration, so login folds too.
  test('the username is matched case-insensitively', async () => {
    const { user } = await register('login_case');
    const { user: loggedIn } = await connectHttp(server).auth.login.mutate({ username: 'LOGIN_Case', password: PASSWORD });
    expect(loggedIn.id).toBe(user.id);
  });

  test('a wrong password and an unknown user are both UNAUTHORIZED with the same message', async () => {
    await register('login_wrong');
    const wrongPassword = await expectCode(
      connectHttp(server).auth.login.mutate({ username: 'login_wrong', password: 'not the password' }),
      'UNAUTHORIZED',
    );
    const wrongUser = await expectCode(
      connectHttp(server).auth.login.mutate({ username: 'nobody_by_this_name', password: PASSWORD }),
      'UNAUTHORIZED',
    );
    expect(wrongUser.message).toBe(wrongPassword.message);
  });
});

describe('auth.me', () => {
  test('is null without a token, over HTTP and over WebSocket', async () => {
    expect(await connectHttp(server).auth.me.query()).toBeNull();
    const anon = pool.connect(server);
    expect(await anon.client.auth.me.query()).toBeNull();
  });

  test('is null with a token that was never issued', async () => {
    expect(await connectHttp(server, 'not-a-real-token').auth.me.query()).toBeNull();
    expect(await pool.connect(server, 'not-a-real-token').client.auth.me.query()).toBeNull();
  });

  test('is the user with a token, over HTTP and over WebSocket', async () => {
    const alice = pool.add(await signUp(server, 'me'));
    expect(await alice.client.auth.me.query()).toEqual(alice.user);
    expect(await connectHttp(server, alice.token).auth.me.query()).toEqual(alice.user);
  });
});

describe('protected procedures', () => {
  test('every procedure but register/login/me answers UNAUTHORIZED without a valid token', async () => {
    const alice = pool.add(await signUp(server, 'owner'));
    const general = await roomByName(alice.client, 'General');
    await alice.client.room.join.mutate({ roomId: general.id });
    const msg = await alice.client.message.send.mutate({ roomId: general.id, body: 'hello', clientMsgId: 'p1' });
    const roomId = general.id;

    for (const [label, client] of [
      ['no token over HTTP', connectHttp(server)],
      ['a bad token over HTTP', connectHttp(server, 'bogus-token')],
      ['no token over WebSocket', pool.connect(server).client],
      ['a bad token over WebSocket', pool.connect(server, 'bogus-token').client],
    ] as const) {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['auth.logout', () => client.auth.logout.mutate()],
        ['user.search', () => client.user.search.query({ query: 'own' })],
        ['room.list', () => client.room.list.query()],
        ['room.create', () => client.room.create.mutate({ name: `anon room ${label}` })],
        ['room.join', () => client.room.join.mutate({ roomId })],
        ['room.leave', () => client.room.leave.mutate({ roomId })],
        ['room.invite', () => client.room.invite.mutate({ roomId, userId: alice.user.id })],
        ['room.members', () => client.room.members.query({ roomId })],
        ['room.setTyping', () => client.room.setTyping.mutate({ roomId, typing: true })],
        ['dm.open', () => client.dm.open.mutate({ userId: alice.user.id })],
        ['message.history', () => client.message.history.query({ roomId })],
        ['message.send', () => client.message.send.mutate({ roomId, body: 'x', clientMsgId: 'anon' })],
        ['message.edit', () => client.message.edit.mutate({ messageId: msg.id, body: 'x' })],
        ['message.delete', () => client.message.delete.mutate({ messageId: msg.id })],
        ['message.markRead', () => client.message.markRead.mutate({ roomId, messageId: msg.id })],
        ['message.search', () => client.message.search.query({ query: 'hello' })],
      ];
      for (const [path, call] of calls) {
        const outcome = await call().then(
          () => 'success',
          (err: unknown) => codeOf(err),
        );
        expect(outcome, `${path} with ${label}`).toBe('UNAUTHORIZED');
      }
    }

    // Subscriptions are refused the same way.
    const anon = pool.connect(server).client;
    const events = watchRoom(anon, roomId, '0');
    const err = await events.started.then(() => null, (e: unknown) => e);
    expect(codeOf(err)).toBe('UNAUTHORIZED');
    expect(events.events).toEqual([]);
    const typingErr = await new Promise<unknown>((resolve) => {
      const sub = anon.room.onTyping.subscribe({ roomId }, { onStarted: () => resolve(null), onError: resolve });
      setTimeout(() => sub.unsubscribe(), 5000);
    });
    expect(codeOf(typingErr)).toBe('UNAUTHORIZED');

    // Nothing was changed by the refused calls.
    const history = await alice.client.message.history.query({ roomId });
    expect(history.messages.map((m) => m.id)).toEqual([msg.id]);
    expect(history.messages[0]?.body).toBe('hello');
  });
});

describe('auth.logout', () => {
  test('the token stops working at once over HTTP; another session of the user keeps working', async () => {
    const { token, user } = await register('logout_http');
    const { token: other } = await connectHttp(server).auth.login.mutate({ username: 'logout_http', password: PASSWORD });
    const http = connectHttp(server, token);
    expect(await http.room.list.query()).not.toHaveLength(0);
    await http.auth.logout.mutate();
    await expectCode(http.room.list.query(), 'UNAUTHORIZED');
    expect(await http.auth.me.query()).toBeNull();
    expect(await connectHttp(server, other).auth.me.query()).toEqual(user);
  });

  test('ends an already open WebSocket: queries answer UNAUTHORIZED and a running onEvent subscription fails', async () => {
    const alice = pool.add(await signUp(server, 'logout_ws'));
    const writer = pool.add(await signUp(server, 'writer'));
    const general = await roomByName(alice.client, 'General');
    await writer.client.room.join.mutate({ roomId: general.id });

    const { lastEventId } = await alice.client.message.history.query({ roomId: general.id });
    const watch = watchRoom(alice.client, general.id, lastEventId);
    await watch.started;
    const before = await writer.client.message.send.mutate({ roomId: general.id, body: 'before logout', clientMsgId: 'l1' });
    await eventually(() => expect(watch.events.map((e) => e.message.id)).toEqual([before.id]));

    await connectHttp(server, alice.token).auth.logout.mutate();

    await expectCode(alice.client.room.list.query(), 'UNAUTHORIZED');
    await expectCode(alice.client.message.history.query({ roomId: general.id }), 'UNAUTHORIZED');
    expect(await alice.client.auth.me.query()).toBeNull();
    await eventually(() => expect(watch.errors.map(codeOf)).toEqual(['UNAUTHORIZED']));

    // Later messages do not reach the logged-out socket.
    await writer.client.message.send.mutate({ roomId: general.id, body: 'after logout', clientMsgId: 'l2' });
    await eventually(async () => {
      const h = await writer.client.message.history.query({ roomId: general.id, limit: 1 });
      expect(h.messages[0]?.body).toBe('after logout');
    });
    expect(watch.events.map((e) => e.message.body)).toEqual(['before logout']);

    // Resubscribing with the dead token is refused too.
    const again = watchRoom(alice.client, general.id, lastEventId);
    const err = await again.started.then(() => null, (e: unknown) => e);
    expect(codeOf(err)).toBe('UNAUTHORIZED');
  });

  test('logging out over the WebSocket itself ends that token on HTTP too', async () => {
    const bob = pool.add(await signUp(server, 'logout_self'));
    await bob.client.auth.logout.mutate();
    await expectCode(bob.client.room.list.query(), 'UNAUTHORIZED');
    await expectCode(connectHttp(server, bob.token).room.list.query(), 'UNAUTHORIZED');
    // Signing in again gives a fresh, working token.
    const { token } = await connectHttp(server).auth.login.mutate({ username: bob.user.username, password: PASSWORD });
    expect(await connectHttp(server, token).auth.me.query()).toEqual(bob.user);
  });
});
