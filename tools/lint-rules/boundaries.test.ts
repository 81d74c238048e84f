// The lint rules fail on deliberate violations: each probe is linted with the repository's own
// eslint.config.js, as if it were a file at the given path, and must yield exactly the expected
// rule ids (a compliant probe: none).
//
// Import-boundary probes sit at paths that do not exist (the zones are globs; no file is
// written). typescript-eslint's project service only type-checks files that exist on disk and are
// in a tsconfig, so those probes run with type information switched off. The type-aware probes
// (no-floating-promises, no-misused-promises) lint their text as the contents of
// tools/lint-rules/probe-target.ts, which does exist: again nothing is written.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TYPE_AWARE = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];

const withoutTypes = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: Object.fromEntries(TYPE_AWARE.map((rule) => [rule, 'off'])),
  },
});
const withTypes = new ESLint({ cwd: ROOT });

async function ruleIds(eslint: ESLint, path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  const messages = result?.messages ?? [];
  // A parsing error or a "file not in project" error has no rule id: fail loudly on it.
  for (const m of messages) if (!m.ruleId) throw new Error(`${path}: ${m.message}`);
  return messages.map((m) => `${m.line}:${m.ruleId}`).sort();
}

const CROSS = 'workspaces/no-relative-cross-workspace';
const UNDECLARED = 'workspaces/declared-dependency';
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('import boundaries', () => {
  const probes: { name: string; path: string; code: string; expected: string[] }[] = [
    {
      name: 'api-types reaches into apps/api by a relative path',
      path: 'packages/api-types/src/__probe.ts',
      code: "import type { AppRouter } from '../../../apps/api/src/router.ts';\nexport type X = AppRouter;\n",
      expected: [`1:${CROSS}`],
    },
    {
      name: 'api-types imports another @chat package, even as a type',
      path: 'packages/api-types/src/__probe.ts',
      code: "import type { AppRouter } from '@chat/api/router';\nimport type { Api } from '@chat/client';\nexport type X = [AppRouter, Api];\n",
      // Neither is a dependency of api-types, so each is also undeclared.
      expected: [`1:${RESTRICTED}`, `1:${UNDECLARED}`, `2:${RESTRICTED}`, `2:${UNDECLARED}`],
    },
    {
      name: 'db imports an app',
      path: 'packages/db/src/__probe.ts',
      code: "import type { AppRouter } from '@chat/api/router';\nexport type X = AppRouter;\n",
      expected: [`1:${RESTRICTED}`, `1:${UNDECLARED}`],
    },
    {
      name: 'web imports the router as a value, and node/server modules',
      path: 'apps/web/src/__probe.ts',
      code: [
        "import { appRouter } from '@chat/api/router';",
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'path';",
        "import { createDatabase } from '@chat/db';",
        "import { eq } from 'drizzle-orm';",
        'export const x = [appRouter, readFileSync, join, createDatabase, eq];',
        '',
      ].join('\n'),
      expected: [`1:${RESTRICTED}`, `2:${RESTRICTED}`, `3:${RESTRICTED}`, `4:${RESTRICTED}`, `4:${UNDECLARED}`, `5:${RESTRICTED}`],
    },
    {
      name: 'web test files may not start a server either (node-only)',
      path: 'apps/web/src/__probe.test.ts',
      code: "import { startServer } from '@chat/api/server';\nexport const x = startServer;\n",
      expected: [`1:${RESTRICTED}`],
    },
    {
      name: 'the SDK imports the server as a value',
      path: 'packages/client/src/__probe.ts',
      code: "import { startServer } from '@chat/api/server';\nexport const x = startServer;\n",
      expected: [`1:${RESTRICTED}`],
    },
    {
      name: 'an SDK test imports server internals as values (only @chat/api/server is allowed)',
      path: 'packages/client/test/__probe.test.ts',
      code: "import { startServer } from '@chat/api/server';\nimport { appRouter } from '@chat/api/router';\nexport const x = [startServer, appRouter];\n",
      expected: [`2:${RESTRICTED}`],
    },
    {
      name: 'the CLI test reaches into apps/api by a relative path',
      path: 'apps/cli/test/__probe.test.ts',
      code: "import { startServer } from '../../api/src/http/server.ts';\nexport const x = startServer;\n",
      expected: [`1:${CROSS}`],
    },
    {
      name: 'an example imports the server as a value',
      path: 'examples/echo-bot/__probe.ts',
      code: "import { appRouter } from '@chat/api/router';\nimport { startServer } from '@chat/api/server';\nexport const x = [appRouter, startServer];\n",
      expected: [`1:${RESTRICTED}`, `2:${RESTRICTED}`],
    },
    {
      name: 'e2e (no package of its own) reaches into a workspace; bench into e2e',
      path: 'e2e/__probe.ts',
      code: "import { startServer } from '../apps/api/src/http/server.ts';\nexport * from '../packages/client/src/index.ts';\nexport const x = () => import('../bench/src/web/proxy.ts');\nexport const y = startServer;\n",
      expected: [`1:${CROSS}`, `2:${CROSS}`, `3:${CROSS}`],
    },
    {
      name: 'bench reaches into e2e (the root package)',
      path: 'bench/src/web/__probe.ts',
      code: "import type { launchChromium } from '../../../e2e/browser.ts';\nexport type X = typeof launchChromium;\n",
      expected: [`1:${CROSS}`],
    },
    {
      name: 'a workspace imports a workspace its package.json does not declare',
      path: 'packages/db/src/__probe.ts',
      code: "import { loginInput } from '@chat/api-types';\nexport const x = loginInput;\n",
      expected: [`1:${UNDECLARED}`],
    },
  ];
  for (const { name, path, code, expected } of probes) {
    it(`fails: ${name}`, async () => {
      expect(await ruleIds(withoutTypes, path, code)).toEqual([...expected].sort());
    });
  }

  const compliant: { path: string; code: string }[] = [
    {
      path: 'apps/web/src/__probe.ts',
      code: "import type { AppRouter } from '@chat/api/router';\nimport { loginInput } from '@chat/api-types';\nimport { helper } from './lib/helper.ts';\nexport type X = AppRouter;\nexport const x = [loginInput, helper];\n",
    },
    {
      path: 'packages/client/test/__probe.test.ts',
      code: "import { startServer, type RunningServer } from '@chat/api/server';\nimport type { AppRouter } from '@chat/api/router';\nimport { thing } from '../src/thing.ts';\nexport type X = [RunningServer, AppRouter];\nexport const x = [startServer, thing];\n",
    },
    {
      path: 'e2e/__probe.ts',
      code: "import { startServer } from '@chat/api/server';\nimport { stage } from './stage.ts';\nexport const x = [startServer, stage];\n",
    },
    {
      path: 'packages/api-types/src/__probe.ts',
      code: "import { z } from 'zod';\nimport { loginInput } from './schemas.ts';\nexport const x = [z, loginInput];\n",
    },
    {
      path: 'apps/api/src/__probe.ts',
      code: "import { createDatabase } from '@chat/db';\nimport { readFileSync } from 'node:fs';\nimport { loadConfig } from '../test/fixture.ts';\nexport const x = [createDatabase, readFileSync, loadConfig];\n",
    },
  ];
  for (const { path, code } of compliant) {
    it(`passes: compliant imports at ${path}`, async () => {
      expect(await ruleIds(withoutTypes, path, code)).toEqual([]);
    });
  }
});

describe('rules with type information', () => {
  const path = 'tools/lint-rules/probe-target.ts';

  it('fails: a floating promise', async () => {
    const code = 'async function save(): Promise<void> {}\nsave();\nexport {};\n';
    expect(await ruleIds(withTypes, path, code)).toEqual(['2:@typescript-eslint/no-floating-promises']);
  });

  it('fails: a promise as a condition, and an async callback where a void one is expected', async () => {
    const code = [
      'async function allowed(): Promise<boolean> { return false; }',
      'export function guard(): void {',
      '  if (allowed()) console.log("always true");',
      '}',
      'export function listen(on: (event: string, handler: () => void) => void): void {',
      "  on('message', async () => { await allowed(); });",
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(withTypes, path, code)).toEqual(['3:@typescript-eslint/no-misused-promises', '6:@typescript-eslint/no-misused-promises']);
  });

  it('passes: awaited, voided and caught promises', async () => {
    const code = [
      'async function save(): Promise<boolean> { return true; }',
      'export async function run(on: (handler: () => void) => void): Promise<void> {',
      '  if (await save()) console.log("saved");',
      '  void save();',
      '  save().catch(console.error);',
      '  on(() => { void save(); });',
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(withTypes, path, code)).toEqual([]);
  });
});

describe('per-workspace lint (turbo runs `eslint .` in each workspace)', () => {
  // ESLint 9 looks for eslint.config.js from the working directory up, and matches `files`
  // globs from the config's own directory: run from a workspace, a file gets the same rules
  // (and the same tsconfig, which the project service finds from the file) as from the root.
  const files = [
    'apps/web/src/__probe.tsx',
    'packages/api-types/src/__probe.ts',
    'packages/client/test/__probe.test.ts',
    'examples/echo-bot/__probe.ts',
    'bench/src/__probe.ts',
  ];
  for (const file of files) {
    it(`${file}: the same config from its workspace as from the root`, async () => {
      const workspace = file.split('/').slice(0, file.startsWith('bench/') ? 1 : 2).join('/');
      const fromRoot = (await withTypes.calculateConfigForFile(`${ROOT}${file}`)) as { rules: object };
      const fromWorkspace = (await new ESLint({ cwd: `${ROOT}${workspace}` }).calculateConfigForFile(`${ROOT}${file}`)) as { rules: object };
      expect(Object.keys(fromRoot.rules).length).toBeGreaterThan(20);
      expect(fromWorkspace.rules).toEqual(fromRoot.rules);
    });
  }
});
