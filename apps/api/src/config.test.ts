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

test('a bad value is one line naming the variable', () => {
  expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^invalid PORT: /);
  expect(() => loadConfig({ RATE_LIMIT: 'maybe' })).toThrow(/^invalid RATE_LIMIT: /);
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^invalid LOG_LEVEL: /);
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^invalid DATABASE_URL: /);
  expect(() => loadConfig({ MAX_UPLOAD_BYTES: '-5' })).toThrow(/^invalid MAX_UPLOAD_BYTES: /);
  expect(() => loadConfig({ UPLOAD_ALLOWED_TYPES: 'images' })).toThrow(/^invalid UPLOAD_ALLOWED_TYPES: /);
});
