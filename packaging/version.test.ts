import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const repo = join(import.meta.dirname, '..');
const versionOf = (dir: string) => (JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as { version?: string }).version;

// One version for what is released together: a server, the SDK and the CLI of one number speak
// the same API (docs/api.md), and the changelog says what that number holds.
test('the server, the contract, the SDK, the CLI and the web app share one version, the changelog newest release', () => {
  const version = versionOf('.');
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  for (const dir of ['apps/api', 'packages/api-types', 'packages/db', 'packages/client', 'apps/cli', 'apps/web']) {
    expect(versionOf(dir), dir).toBe(version);
  }
  const released = /^## \[(\d+\.\d+\.\d+)\]/m.exec(readFileSync(join(repo, 'CHANGELOG.md'), 'utf8'))?.[1];
  expect(released).toBe(version);
});
