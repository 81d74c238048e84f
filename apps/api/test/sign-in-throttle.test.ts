import { createTRPCClient, createWSClient, httpLink, wsLink } from '@trpc/client';
import type { AppRouter } from '../src/router.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerOptions } from '../src/server.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { codeOf, errorOf, uniqueName } from './helpers.ts';
import { createTestDatabase, dropRedisKeys, redisPrefix, TEST_REDIS_URL } from './services.ts';

/**
 * The sign-in rules of auth/sign-in-throttle.ts and TRUST_PROXY, against real servers. Each
 * client says which address it comes from in X-Forwarded-For, which the servers started with
 * TRUST_PROXY believe: one machine plays an attacker's many addresses and the real user's own.
 */

const PASSWORD = 'correct horse battery';
const WRONG = 'not the password';
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serverWith(opts: Partial<ServerOptions>): Promise<TestServer> {
  const server = await startTestServer({ rateLimit: true, ...opts });
  servers.push(server);
  return server;
}

/** A tRPC client over HTTP whose requests say they were forwarded for `address`. */
const from = (server: TestServer, address?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${server.url}/trpc`, headers: () => (address ? { 'x-forwarded-for': address } : {}) })],
  });

/** 'ok', or the error code the call was answered with. */
const outcome = (call: Promise<unknown>) => call.then(() => 'ok', (err: unknown) => codeOf(err) ?? String(err));

const signIn = (server: TestServer, address: string | undefined, username: string, password = PASSWORD) =>
  outcome(from(server, address).auth.login.mutate({ username, password }));

async function register(server: TestServer, name: string, address = '192.0.2.1'): Promise<string> {
  const { user } = await from(server, address).auth.register.mutate({ username: uniqueName(name), password: PASSWORD });
  return user.username;
}

/** Answers to calls made one after another, one per item. */
async function inTurn<T>(items: readonly T[], call: (item: T) => Promise<string>): Promise<string[]> {
  const answers = [];
  for (const item of items) answers.push(await call(item));
  return answers;
}

const times = (n: number) => Array.from({ length: n }, (_, i) => i);
const REFUSED_FIFTH = ['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS'];

/** The seconds a TOO_MANY_REQUESTS answer tells the client to wait. */
async function retryAfter(call: Promise<unknown>): Promise<number> {
  const err = await errorOf(call);
  expect(codeOf(err), err.message).toBe('TOO_MANY_REQUESTS');
  const seconds = /try again in (\d+) s/.exec(err.message)?.[1];
  expect(seconds, err.message).toBeDefined();
  return Number(seconds);
}

describe('per account and address', () => {
  const started = serverWith({ trustProxy: 1, limits: { signinFailuresPerAccountAddress: 3 } });

  test('failures in a row are refused after the limit, a wrong username exactly like a wrong password, and the real user elsewhere is not locked out', async () => {
    const server = await started;
    const alice = await register(server, 'alice');
    const attacker = '203.0.113.1';
    expect(await inTurn(times(3), () => signIn(server, attacker, alice, WRONG))).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    // Refused before the password is looked at: the right one changes nothing.
    expect(await retryAfter(from(server, attacker).auth.login.mutate({ username: alice, password: PASSWORD }))).toBeGreaterThan(0);

    const nobody = uniqueName('nobody');
    expect(await inTurn(times(4), () => signIn(server, '203.0.113.2', nobody, WRONG))).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);

    expect(await signIn(server, '198.51.100.1', alice)).toBe('ok');
  });

  test('a success starts the count again and costs nothing', async () => {
    const server = await started;
    const bob = await register(server, 'bob');
    const seen = new Set<string>();
    // 36 attempts from one address, more than any per-address budget that counted successes.
    for (let round = 0; round < 12; round++) {
      seen.add(await signIn(server, '203.0.113.3', bob, WRONG));
      seen.add(await signIn(server, '203.0.113.3', bob, WRONG));
      seen.add(await signIn(server, '203.0.113.3', bob));
    }
    expect([...seen].sort()).toEqual(['UNAUTHORIZED', 'ok']);
  });
});

describe('per address', () => {
  const started = serverWith({ trustProxy: 1, limits: { signinFailuresPerAddress: 4 } });

  test('failures across accounts are refused after the limit, for that address only; its successes are free, and its own accounts still sign in', async () => {
    const server = await started;
    const carol = await register(server, 'carol');
    const dave = await register(server, 'dave');
    const shared = '203.0.113.7';
    expect(new Set(await inTurn(times(25), () => signIn(server, shared, carol)))).toEqual(new Set(['ok']));
    expect(await inTurn(times(5), () => signIn(server, shared, uniqueName('spray'), WRONG))).toEqual(REFUSED_FIFTH);
    await retryAfter(from(server, shared).auth.login.mutate({ username: dave, password: PASSWORD }));
    // carol signed in from there before: the address's refusal is not hers.
    expect(await signIn(server, shared, carol)).toBe('ok');
    expect(await signIn(server, '203.0.113.8', dave)).toBe('ok');
  });

  test('IPv6 addresses count by /64', async () => {
    const server = await started;
    const oneNetwork = ['2001:db8:a:b::1', '2001:db8:a:b::2', '2001:db8:a:b:3:4:5:6', '2001:db8:a:b:ffff:ffff:ffff:ffff', '2001:0db8:000a:000b::abcd'];
    expect(await inTurn(oneNetwork, (address) => signIn(server, address, uniqueName('v6'), WRONG))).toEqual(REFUSED_FIFTH);
    expect(await signIn(server, '2001:db8:a:c::1', uniqueName('v6'), WRONG)).toBe('UNAUTHORIZED');
  });

  test('an IPv4-mapped IPv6 address counts as the IPv4 address', async () => {
    const server = await started;
    const forms = ['::ffff:198.51.100.20', '::ffff:198.51.100.20', '::ffff:c633:6414', '::ffff:198.51.100.20', '198.51.100.20'];
    expect(await inTurn(forms, (address) => signIn(server, address, uniqueName('mapped'), WRONG))).toEqual(REFUSED_FIFTH);
  });
});

describe('per account, from every address', () => {
  test('past the free failures an account waits between attempts, except from an address that signed in to it', async () => {
    const server = await serverWith({ trustProxy: 1, limits: { signinFreeFailuresPerAccount: 2, signinBackoffBaseSeconds: 600 } });
    const erin = await register(server, 'erin');
    const home = '198.51.100.30';
    expect(await signIn(server, home, erin)).toBe('ok');
    // The third failure makes the next attempt wait 600 s, from any new address.
    expect(await inTurn(times(4), (i) => signIn(server, `203.0.113.${100 + i}`, erin, WRONG))).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
    expect(await retryAfter(from(server, '203.0.113.200').auth.login.mutate({ username: erin, password: WRONG }))).toBeLessThanOrEqual(600);
    expect(await signIn(server, home, erin)).toBe('ok');
    expect(await signIn(server, '198.51.100.31', erin)).toBe('TOO_MANY_REQUESTS');
  });

  test('the machine an account was made on counts as one it signed in from', async () => {
    const server = await serverWith({ trustProxy: 1, limits: { signinFreeFailuresPerAccount: 2, signinBackoffBaseSeconds: 600 } });
    const home = '198.51.100.40';
    const frank = await register(server, 'frank', home);
    expect(await inTurn(times(4), (i) => signIn(server, `203.0.113.${120 + i}`, frank, WRONG))).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
    expect(await signIn(server, home, frank)).toBe('ok');
  });

  test('the wait doubles with each failure', async () => {
    const server = await serverWith({ trustProxy: 1, limits: { signinFreeFailuresPerAccount: 1, signinBackoffBaseSeconds: 1 } });
    const target = uniqueName('target');
    let address = 0;
    const guess = () => from(server, `203.0.113.${++address}`).auth.login.mutate({ username: target, password: WRONG });
    expect(codeOf(await errorOf(guess()))).toBe('UNAUTHORIZED');
    const waits: number[] = [];
    for (let failure = 0; failure < 3; failure++) {
      // Refused attempts are not failures: asking until one is let through counts one.
      while (codeOf(await errorOf(guess())) === 'TOO_MANY_REQUESTS') await new Promise((r) => setTimeout(r, 100));
      waits.push(await retryAfter(guess()));
    }
    expect(waits).toEqual([1, 2, 4]);
  });
});

describe('sign-ups', () => {
  test('a class of 30 signs up from one address; a script making hundreds is stopped', async () => {
    const server = await serverWith({ trustProxy: 1 });
    const classroom = '192.0.2.50';
    const students = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(register(server, `pupil${i}`, classroom))));
    expect(students.filter((o) => o === 'ok')).toHaveLength(30);
    let made = 30;
    let refused = 0;
    while (made < 300 && refused === 0) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, i) => outcome(register(server, `bot${i}`, classroom))));
      made += batch.filter((o) => o === 'ok').length;
      refused = batch.filter((o) => o === 'TOO_MANY_REQUESTS').length;
      expect(batch.filter((o) => o !== 'ok' && o !== 'TOO_MANY_REQUESTS')).toEqual([]);
    }
    expect(made).toBe(100);
    await retryAfter(from(server, classroom).auth.register.mutate({ username: uniqueName('late'), password: PASSWORD }));
    expect(await outcome(register(server, 'elsewhere', '192.0.2.51'))).toBe('ok');
  });
});

describe('TRUST_PROXY', () => {
  const cases: Array<[string, ServerOptions['trustProxy'], boolean]> = [
    ['unset', undefined, false],
    ['a range the peer is not in', ['10.0.0.0/8'], false],
    ['one hop', 1, true],
    ["the peer's address", ['127.0.0.1'], true],
  ];

  test.each(cases)('%s: X-Forwarded-For names the client only from a trusted peer, by the entry that peer appended', async (_, trustProxy, believed) => {
    const server = await serverWith({ trustProxy, limits: { signinFailuresPerAccountAddress: 2 } });
    const spoofed = uniqueName('spoofed');
    const answers = await inTurn(['203.0.113.1', '203.0.113.2', '203.0.113.3'], (address) => signIn(server, address, spoofed, WRONG));
    expect(answers).toEqual(believed ? ['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED'] : ['UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
    // What a client sends is to the left of what the proxy appends: one client, whatever it claims.
    const chained = uniqueName('chained');
    const claims = await inTurn(['6.6.6.6', '7.7.7.7', '8.8.8.8'], (claim) => signIn(server, `${claim}, 198.51.100.9`, chained, WRONG));
    expect(claims).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
  });

  test('the WebSocket upgrade and sign-ins over the socket count the forwarded address', async () => {
    const trusted = await serverWith({ trustProxy: 1, limits: { wsMaxUnsignedPerAddress: 2, signinFailuresPerAccountAddress: 2 } });
    const untrusted = await serverWith({ limits: { wsMaxUnsignedPerAddress: 2 } });
    const opened: WebSocket[] = [];
    const upgrade = (server: TestServer, address: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(server.wsUrl, { headers: { 'x-forwarded-for': address } });
        opened.push(ws);
        ws.once('open', () => resolve('open'));
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => {});
      });
    try {
      const behindProxy = await inTurn(['203.0.113.70', '203.0.113.70', '203.0.113.70', '203.0.113.71'], (address) => upgrade(trusted, address));
      expect(behindProxy).toEqual(['open', 'open', '429', 'open']);
      const spoofing = await inTurn(['203.0.113.72', '203.0.113.73', '203.0.113.74'], (address) => upgrade(untrusted, address));
      expect(spoofing).toEqual(['open', 'open', '429']);
    } finally {
      for (const ws of opened) ws.terminate();
    }

    const name = uniqueName('socket');
    const socketFrom = (address: string) =>
      class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': address } });
        }
      };
    const ws = createWSClient({ url: trusted.wsUrl, WebSocket: socketFrom('203.0.113.80') as unknown as typeof globalThis.WebSocket });
    try {
      const overSocket = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
      const answers = await inTurn(times(3), () => outcome(overSocket.auth.login.mutate({ username: name, password: WRONG })));
      expect(answers).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
      expect(await signIn(trusted, '203.0.113.81', name, WRONG)).toBe('UNAUTHORIZED');
    } finally {
      await ws.close();
    }
  });

  test('X-Forwarded-Proto: https makes the file cookie Secure only from a trusted proxy', async () => {
    const cookie = async (server: TestServer, headers: Record<string, string>) => {
      const { token } = await from(server).auth.register.mutate({ username: uniqueName('cookie'), password: PASSWORD });
      const res = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie') ?? '';
    };
    const trusted = await serverWith({ trustProxy: ['127.0.0.1'] });
    const untrusted = await serverWith({});
    expect(await cookie(trusted, { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
    expect(await cookie(trusted, {})).not.toMatch(/; Secure/);
    expect(await cookie(untrusted, { 'x-forwarded-proto': 'https' })).not.toMatch(/; Secure/);
  });
});

describe('several servers share the counts through Redis', () => {
  test('failures on one server count on the other, and so does an address the user signed in from', async () => {
    const database = await createTestDatabase();
    const prefix = await redisPrefix();
    const shared: Partial<ServerOptions> = {
      rateLimit: true,
      databaseUrl: database.url,
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      trustProxy: 1,
      limits: { signinFailuresPerAccountAddress: 3, signinFreeFailuresPerAccount: 3, signinBackoffBaseSeconds: 600 },
    };
    const x = await startTestServer(shared);
    const y = await startTestServer(shared);
    try {
      const gina = await register(x, 'gina');
      const home = '198.51.100.40';
      expect(await signIn(x, home, gina)).toBe('ok');

      const attacker = '203.0.113.90';
      const answers = await inTurn([x, y, x, y], (server) => signIn(server, attacker, gina, WRONG));
      expect(answers).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);

      // The account's fourth failure, on y, makes the next attempt wait on x as well.
      expect(await signIn(y, '203.0.113.91', gina, WRONG)).toBe('UNAUTHORIZED');
      expect(await signIn(x, '203.0.113.92', gina, WRONG)).toBe('TOO_MANY_REQUESTS');
      expect(await signIn(y, home, gina)).toBe('ok');
    } finally {
      await x.close();
      await y.close();
      await database.drop();
      await dropRedisKeys(prefix);
    }
  });
});
