import { createHash } from 'node:crypto';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from '@trpc/client';
import type { AppRouter } from '../src/router.ts';
import { describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { connectHttp, eventually, roomByName, signUp, type Client, type TestServer } from './harness.ts';
import { codeOf, errorOf, expectBadField, expectCode, serverForFile, watchRoom, type Member } from './helpers.ts';

const PASSWORD = 'correct horse battery'; // what harness.signUp gives every user
const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

const { server, pool } = await serverForFile();

/** Signs in over HTTP with this User-Agent, as the CLI does; returns the session token. */
async function signInOverHttp(on: TestServer, username: string, userAgent = 'test', password = PASSWORD): Promise<string> {
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${on.url}/trpc`, headers: { 'user-agent': userAgent } })] });
  return (await client.auth.login.mutate({ username, password })).token;
}

/** Signs in over a WebSocket whose upgrade request carries this User-Agent, as the web app does. */
async function signInOverWebSocket(on: TestServer, username: string, userAgent: string): Promise<string> {
  class Browser extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'user-agent': userAgent } });
    }
  }
  const ws = createWSClient({ url: on.wsUrl, WebSocket: Browser as unknown as typeof globalThis.WebSocket });
  try {
    return (await createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }).auth.login.mutate({ username, password: PASSWORD })).token;
  } finally {
    await ws.close();
  }
}

/** Another session of the member, over a WebSocket of its own. */
async function anotherSession(member: Member, on: TestServer = server): Promise<{ token: string; client: Client }> {
  const token = await signInOverHttp(on, member.user.username);
  return { token, client: pool.connect(on, token).client };
}

/** A running subscription of the session (General's events), to see it end. */
async function runningSubscription(client: Client) {
  const watch = watchRoom(client, (await roomByName(client, 'General')).id);
  await watch.started;
  return watch;
}

/** Expects the session's open socket to be ended: its subscription failed, and calls are refused. */
async function expectEnded(client: Client, watch: Awaited<ReturnType<typeof runningSubscription>>): Promise<void> {
  await eventually(() => expect(watch.errors.map(codeOf)).toEqual(['UNAUTHORIZED']));
  await expectCode(client.room.list.query(), 'UNAUTHORIZED');
}

async function expectAlive(client: Client, watch?: Awaited<ReturnType<typeof runningSubscription>>): Promise<void> {
  expect(await client.room.list.query()).not.toHaveLength(0);
  expect(watch?.errors ?? []).toEqual([]);
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function uploadAs(on: TestServer, token: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([PNG]), 'dot.png');
  const res = await fetch(`${on.url}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

/** What POST /api/session puts in the file cookie for this session token. */
async function fileCookieOf(on: TestServer, token: string): Promise<string> {
  const res = await fetch(`${on.url}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const cookie = /^chat_file_token=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeTruthy();
  return cookie!;
}

const download = (on: TestServer, url: string, headers: Record<string, string>) => fetch(`${on.url}${url}`, { headers }).then((res) => res.status);
const withCookie = (value: string) => ({ cookie: `chat_file_token=${value}` });

const sessionIds = async (client: Client) => (await client.auth.sessions.query()).map((s) => s.id);
const currentId = async (client: Client) => (await client.auth.sessions.query()).find((s) => s.current)!.id;

describe('auth.sessions', () => {
  test('lists my sessions with the device each signed in from, this one marked current', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const firefox = connectHttp(server, await signInOverWebSocket(server, ana.user.username, FIREFOX_ON_LINUX));
    const chromeToken = await signInOverHttp(server, ana.user.username, CHROME_ON_MAC);
    await pool.add(await signUp(server, 'someone_else')).client.auth.sessions.query();

    const listed = await firefox.auth.sessions.query();
    expect(listed.map((s) => s.device).sort()).toEqual(['Chrome 126 on macOS', 'Firefox 128 on Linux', 'node'].sort());
    expect(listed.filter((s) => s.current).map((s) => s.device)).toEqual(['Firefox 128 on Linux']);
    for (const session of listed) {
      expect(Object.keys(session).sort()).toEqual(['createdAt', 'current', 'device', 'id', 'lastUsedAt']);
      expect(new Date(session.createdAt).toISOString()).toBe(session.createdAt);
      expect(new Date(session.lastUsedAt).getTime()).toBeGreaterThanOrEqual(new Date(session.createdAt).getTime());
    }
    // The id names a session; it opens none.
    const ids = listed.map((s) => s.id);
    for (const token of [ana.token, chromeToken]) {
      expect(ids).not.toContain(token);
      expect(ids).not.toContain(createHash('sha256').update(token).digest('hex'));
      expect(await connectHttp(server, ids[0]).auth.me.query()).toBeNull();
    }
    expect((await connectHttp(server, chromeToken).auth.sessions.query()).find((s) => s.current)?.device).toBe('Chrome 126 on macOS');
  });
});

describe('auth.revoke', () => {
  test('ends one of my sessions at once, its open socket and running subscription included', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const laptop = await anotherSession(ana);
    const laptopWatch = await runningSubscription(laptop.client);
    const laptopId = await currentId(laptop.client);

    await ana.client.auth.revoke.mutate({ sessionId: laptopId });
    await expectEnded(laptop.client, laptopWatch);
    expect(await connectHttp(server, laptop.token).auth.me.query()).toBeNull();
    await expectAlive(ana.client);
    expect(await sessionIds(ana.client)).not.toContain(laptopId);
  });

  test("someone else's session, an ended one, or one that never was is NOT_FOUND; a malformed id BAD_REQUEST", async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const ben = pool.add(await signUp(server, 'ben'));
    await expectCode(ana.client.auth.revoke.mutate({ sessionId: await currentId(ben.client) }), 'NOT_FOUND');
    await expectAlive(ben.client);
    const spareId = await currentId((await anotherSession(ana)).client);
    await ana.client.auth.revoke.mutate({ sessionId: spareId });
    await expectCode(ana.client.auth.revoke.mutate({ sessionId: spareId }), 'NOT_FOUND');
    await expectCode(ana.client.auth.revoke.mutate({ sessionId: '9999999999999999' }), 'NOT_FOUND');
    for (const sessionId of ['abc', '', '0', '1'.repeat(17), ana.token]) await expectBadField(ana.client.auth.revoke.mutate({ sessionId }), 'sessionId');
  });
});

describe('auth.logoutOthers', () => {
  test('ends every other session of mine, open sockets included, and says how many', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const ben = pool.add(await signUp(server, 'ben'));
    const others = [await anotherSession(ana), await anotherSession(ana)];
    const watches = await Promise.all(others.map((o) => runningSubscription(o.client)));
    const mine = await runningSubscription(ana.client);

    expect(await ana.client.auth.logoutOthers.mutate()).toEqual({ ended: 2 });
    for (const [i, other] of others.entries()) await expectEnded(other.client, watches[i]!);
    await expectAlive(ana.client, mine);
    expect((await ana.client.auth.sessions.query()).map((s) => s.current)).toEqual([true]);
    expect(await ana.client.auth.logoutOthers.mutate()).toEqual({ ended: 0 });
    await expectAlive(ben.client);
    mine.stop();
  });
});

describe('auth.changePassword', () => {
  test('needs the current password, then ends every other session at once; the old password no longer signs in', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const phone = await anotherSession(ana);
    const phoneWatch = await runningSubscription(phone.client);
    const change = (currentPassword: string, newPassword: string) => ana.client.auth.changePassword.mutate({ currentPassword, newPassword });

    const wrong = await expectCode(change('not the password', 'a new password'), 'FORBIDDEN');
    expect(wrong.message).toBe('the current password is wrong');
    await expectBadField(change(PASSWORD, 'short'), 'newPassword');
    await expectBadField(change('x'.repeat(257), 'a new password'), 'currentPassword');
    await expectAlive(phone.client, phoneWatch);

    expect(await change(PASSWORD, 'a new password')).toEqual({ ended: 1 });
    await expectEnded(phone.client, phoneWatch);
    await expectAlive(ana.client);
    await expectCode(signInOverHttp(server, ana.user.username, 'test', PASSWORD), 'UNAUTHORIZED');
    const fresh = await signInOverHttp(server, ana.user.username, 'test', 'a new password');
    expect(await connectHttp(server, fresh).auth.me.query()).toEqual(ana.user);
  });
});

describe('user.updateProfile', () => {
  test('renames me everywhere my name shows, old messages included, and tells whoever has a direct room named after me', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const ben = pool.add(await signUp(server, 'ben'));
    const general = await roomByName(ana.client, 'General');
    await ana.client.message.send.mutate({ roomId: general.id, body: 'before the rename', clientMsgId: 'rename-1' });
    const dm = await ben.client.dm.open.mutate({ userId: ana.user.id });
    const heard: string[] = [];
    let started!: () => void;
    const listening = new Promise<void>((resolve) => (started = resolve));
    const sub = ben.client.user.onEvent.subscribe(undefined, { onStarted: () => started(), onData: (e) => heard.push(e.type) });
    await listening;

    const renamed = await ana.client.user.updateProfile.mutate({ displayName: '  Ana\u200B Lima ' });
    expect(renamed).toEqual({ ...ana.user, displayName: 'Ana Lima' });
    expect(await ana.client.auth.me.query()).toEqual(renamed);
    const history = await ben.client.message.history.query({ roomId: general.id });
    expect(history.messages.filter((m) => m.author.id === ana.user.id).map((m) => m.author.displayName)).toEqual(['Ana Lima']);
    await eventually(() => expect(heard).toContain('rooms-changed'));
    expect((await ben.client.room.list.query()).find((r) => r.id === dm.id)?.name).toBe('Ana Lima');
    sub.unsubscribe();
    await expectBadField(ana.client.user.updateProfile.mutate({ displayName: '\u200B' }), 'displayName');
    await expectBadField(ana.client.user.updateProfile.mutate({ displayName: 'x'.repeat(65) }), 'displayName');
  });
});

describe('the file cookie', () => {
  test('holds a token of its own that downloads files and does nothing else', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const url = await uploadAs(server, ana.token);
    const fileToken = await fileCookieOf(server, ana.token);
    expect(fileToken).not.toBe(ana.token);
    expect(fileToken).not.toContain(ana.token);
    expect(await download(server, url, withCookie(fileToken))).toBe(200);
    // Asked for again (another tab), the same token: no tab's images are left with a superseded one.
    expect(await fileCookieOf(server, ana.token)).toBe(fileToken);

    expect(await download(server, url, { authorization: `Bearer ${fileToken}` })).toBe(401);
    expect(await connectHttp(server, fileToken).auth.me.query()).toBeNull();
    await expectCode(connectHttp(server, fileToken).room.list.query(), 'UNAUTHORIZED');
    await expectCode(pool.connect(server, fileToken).client.room.list.query(), 'UNAUTHORIZED');
    // Nor is the session token a file cookie any more.
    expect(await download(server, url, withCookie(ana.token))).toBe(401);
  });

  test('ends with its session: logout, revoke, a password change', async () => {
    const ana = pool.add(await signUp(server, 'ana'));
    const url = await uploadAs(server, ana.token);
    const sessions = [await anotherSession(ana), await anotherSession(ana), await anotherSession(ana)];
    const cookies = await Promise.all(sessions.map((s) => fileCookieOf(server, s.token)));
    for (const cookie of cookies) expect(await download(server, url, withCookie(cookie))).toBe(200);
    const [loggedOut, revoked, outlived] = cookies as [string, string, string];

    await sessions[0]!.client.auth.logout.mutate();
    expect(await download(server, url, withCookie(loggedOut))).toBe(401);
    await ana.client.auth.revoke.mutate({ sessionId: await currentId(sessions[1]!.client) });
    expect(await download(server, url, withCookie(revoked))).toBe(401);
    expect(await download(server, url, withCookie(outlived))).toBe(200);
    await ana.client.auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'another password' });
    expect(await download(server, url, withCookie(outlived))).toBe(401);
  });
});

// Milliseconds where the settings say days, so that a session idles out within a second.
const short = await serverForFile([], { sessionIdleMs: 1500, sessionMaxMs: 3500 });

describe('sessions end by themselves', () => {
  test('unused for the idle time a session ends, its file cookie with it; use renews it, by calls or by an open socket', async () => {
    const ana = short.pool.add(await signUp(short.server, 'ana'));
    const watch = await runningSubscription(ana.client);
    const busy = connectHttp(short.server, await signInOverHttp(short.server, ana.user.username));
    const unused = await signInOverHttp(short.server, ana.user.username);
    const url = await uploadAs(short.server, unused);
    const cookie = await fileCookieOf(short.server, unused);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await busy.room.list.query();
    }
    expect(await connectHttp(short.server, unused).auth.me.query()).toBeNull();
    expect(await download(short.server, url, withCookie(cookie))).toBe(401);
    await expectAlive(busy);
    await expectAlive(ana.client, watch);
    expect(await busy.auth.sessions.query()).toHaveLength(2);
    watch.stop();
  });

  test('however much it is used, a session ends at its absolute end, and its open socket with it', async () => {
    const ana = short.pool.add(await signUp(short.server, 'ana'));
    const watch = await runningSubscription(ana.client);
    await eventually(async () => {
      await ana.client.room.list.query().catch(() => {});
      expect(watch.errors.map(codeOf)).toEqual(['UNAUTHORIZED']);
    }, 10_000);
    await expectCode(ana.client.room.list.query(), 'UNAUTHORIZED');
  });
});

const guarded = await serverForFile([], { rateLimit: true });

test('wrong current passwords count as failed sign-ins to the account, so guessing one is throttled', async () => {
  const ana = guarded.pool.add(await signUp(guarded.server, 'ana'));
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < 12; i++) {
    codes.push(codeOf(await errorOf(ana.client.auth.changePassword.mutate({ currentPassword: `guess ${i}`, newPassword: 'a new password' }))));
  }
  expect(codes.slice(0, 5)).toEqual(Array(5).fill('FORBIDDEN'));
  expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  await expectAlive(ana.client);
});
