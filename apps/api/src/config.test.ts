import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { envName, limitsShape, loadConfig, settingNames } from './config.ts';

test('defaults follow the contract', () => {
  const { limits, ...config } = loadConfig({ INIT_CWD: '/srv/chat' });
  expect(config).toEqual({
    port: 3000,
    host: '127.0.0.1',
    dataDir: resolve('/srv/chat/data'),
    logLevel: 'info',
    rateLimit: true,
    sqliteSync: 'normal',
    sessionIdleMs: 30 * 86_400_000,
    sessionMaxMs: 365 * 86_400_000,
    maxUploadBytes: 10 * 1024 * 1024,
    uploadAllowedTypes: ['*'],
    allowedOrigins: [],
  });
  expect(limits).toMatchObject({ httpMaxBodyBytes: 1024 * 1024, httpMaxBatch: 50, wsMaxFrameBytes: 1024 * 1024, imageMaxPixels: 40_000_000 });
  expect(loadConfig({ UPLOAD_ALLOWED_TYPES: 'image/*, application/pdf' }).uploadAllowedTypes).toEqual([
    'image/*',
    'application/pdf',
  ]);
  expect(loadConfig({ PORT: '8080', RATE_LIMIT: 'off', DATA_DIR: '/var/chat' })).toMatchObject({
    port: 8080,
    rateLimit: false,
    dataDir: '/var/chat',
  });
});

test('DATABASE_URL and REDIS_URL switch on PostgreSQL storage and Redis fan-out', () => {
  expect(loadConfig({})).not.toHaveProperty('databaseUrl');
  expect(loadConfig({})).not.toHaveProperty('redisUrl');
  expect(
    loadConfig({ DATABASE_URL: 'postgres://chat@db:5432/chat', REDIS_URL: 'redis://cache:6379/0', REDIS_PREFIX: 'team-a:' }),
  ).toMatchObject({ databaseUrl: 'postgres://chat@db:5432/chat', redisUrl: 'redis://cache:6379/0', redisPrefix: 'team-a:' });
  expect(loadConfig({ REDIS_URL: 'rediss://cache' }).redisPrefix).toBe('chat:');
});

test('sessions: SESSION_IDLE_DAYS and SESSION_MAX_DAYS in whole days, bounded', () => {
  expect(loadConfig({ SESSION_IDLE_DAYS: '7', SESSION_MAX_DAYS: '90' })).toMatchObject({ sessionIdleMs: 7 * 86_400_000, sessionMaxMs: 90 * 86_400_000 });
  for (const [name, value] of [['SESSION_IDLE_DAYS', '0'], ['SESSION_IDLE_DAYS', '366'], ['SESSION_IDLE_DAYS', '1.5'], ['SESSION_MAX_DAYS', '3651']] as const) {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^invalid ${name}: `));
  }
});

test('a bad value is one line naming the variable', () => {
  expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^invalid PORT: /);
  expect(() => loadConfig({ RATE_LIMIT: 'maybe' })).toThrow(/^invalid RATE_LIMIT: /);
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^invalid LOG_LEVEL: /);
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^invalid DATABASE_URL: /);
  expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/^invalid REDIS_URL: /);
  expect(() => loadConfig({ REDIS_URL: 'redis://x', REDIS_PREFIX: 'a b' })).toThrow(/^invalid REDIS_PREFIX: /);
  expect(() => loadConfig({ MAX_UPLOAD_BYTES: '-5' })).toThrow(/^invalid MAX_UPLOAD_BYTES: /);
  expect(() => loadConfig({ UPLOAD_ALLOWED_TYPES: 'images' })).toThrow(/^invalid UPLOAD_ALLOWED_TYPES: /);
});

test('every limit is read from the variable of its name, and a bad one is named', () => {
  expect(envName('wsMaxCallsInFlight')).toBe('WS_MAX_CALLS_IN_FLIGHT');
  const { limits } = loadConfig({ HTTP_MAX_BATCH: '10', WS_MAX_SUBSCRIPTIONS: '20', WS_MAX_CALLS_IN_FLIGHT: '5', UPLOAD_MIN_FREE_DISK_BYTES: '0' });
  expect(limits).toMatchObject({ httpMaxBatch: 10, wsMaxSubscriptions: 20, wsMaxCallsInFlight: 5, uploadMinFreeDiskBytes: 0 });
  expect(() => loadConfig({ HTTP_MAX_BATCH: '0' })).toThrow(/^invalid HTTP_MAX_BATCH: /);
  expect(() => loadConfig({ IMAGE_MAX_PIXELS: '1e12' })).toThrow(/^invalid IMAGE_MAX_PIXELS: /);
  // The default, and anything up to what libvips decodes, can be given explicitly too.
  expect(loadConfig({ IMAGE_MAX_PIXELS: '40000000' }).limits.imageMaxPixels).toBe(40_000_000);
  expect(loadConfig({ IMAGE_MAX_PIXELS: '268402689' }).limits.imageMaxPixels).toBe(268_402_689);
  // A reconnecting client sends all its subscriptions and open calls in one frame.
  expect(() => loadConfig({ WS_MAX_CALLS_PER_FRAME: '100' })).toThrow(/^invalid WS_MAX_CALLS_PER_FRAME: must be at least/);
});

test('turbo passes every setting through to the server (in strict env mode it drops the rest: `TRUST_PROXY=1 npm run dev` would silently trust nothing)', () => {
  const turbo = JSON.parse(readFileSync(new URL('../../../turbo.json', import.meta.url), 'utf8')) as { globalPassThroughEnv: string[] };
  expect(settingNames().filter((name) => !turbo.globalPassThroughEnv.includes(name))).toEqual([]);
});

test('the README documents every limit', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const missing = Object.keys(limitsShape).map(envName).filter((name) => !readme.includes(`| \`${name}\` |`));
  expect(missing).toEqual([]);
});

test('sign-in throttling: a setting for every limit, whole seconds of at most 24 days', () => {
  expect(loadConfig({}).limits).toMatchObject({
    signinFailuresPerAddress: 50,
    signinAddressWindowSeconds: 3600,
    signinFailuresPerAccountAddress: 10,
    signinAccountAddressBlockSeconds: 900,
    signinFreeFailuresPerAccount: 5,
    signinBackoffBaseSeconds: 1,
    signinBackoffMaxSeconds: 900,
    signinFailureMemorySeconds: 86_400,
    signinKnownAddressSeconds: 14 * 86_400,
    registrationsPerAddress: 100,
    registrationWindowSeconds: 3600,
  });
  expect(loadConfig({ SIGNIN_FAILURES_PER_ACCOUNT_ADDRESS: '3', REGISTRATION_WINDOW_SECONDS: '60' }).limits).toMatchObject({
    signinFailuresPerAccountAddress: 3,
    registrationWindowSeconds: 60,
  });
  expect(() => loadConfig({ SIGNIN_BACKOFF_BASE_SECONDS: '0.5' })).toThrow(/^invalid SIGNIN_BACKOFF_BASE_SECONDS: /);
  // An in-process counter lives on a Node timer, which cannot run past 24.8 days.
  expect(() => loadConfig({ SIGNIN_KNOWN_ADDRESS_SECONDS: String(25 * 86_400) })).toThrow(/^invalid SIGNIN_KNOWN_ADDRESS_SECONDS: /);
  expect(() => loadConfig({ REGISTRATIONS_PER_ADDRESS: '0' })).toThrow(/^invalid REGISTRATIONS_PER_ADDRESS: /);
});

test('TRUST_PROXY: unset by default, else a number of proxies or their addresses and ranges', () => {
  expect(loadConfig({})).not.toHaveProperty('trustProxy');
  expect(loadConfig({ TRUST_PROXY: '' })).not.toHaveProperty('trustProxy');
  expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8,::1 ' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  expect(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toEqual(['loopback', 'uniquelocal']);
  for (const bad of ['0', 'nginx', '10.0.0.0/33', '127.0.0.1,,10.0.0.1', '-1']) {
    expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/^invalid TRUST_PROXY: must be the number of proxies/);
  }
});
