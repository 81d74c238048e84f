import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { loadConfig } from './config.ts';

test('defaults follow the contract', () => {
  expect(loadConfig({ INIT_CWD: '/srv/chat' })).toEqual({
    port: 3000,
    host: '127.0.0.1',
    dataDir: resolve('/srv/chat/data'),
    logLevel: 'info',
    rateLimit: true,
    maxUploadBytes: 10 * 1024 * 1024,
    uploadAllowedTypes: ['*'],
  });
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
