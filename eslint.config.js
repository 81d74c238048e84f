import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import workspaces from './tools/lint-rules/workspaces.js';

// ---- Import boundaries -------------------------------------------------------------------------
// `@typescript-eslint/no-restricted-imports` takes one option list per file, and a later config
// object replaces (does not merge) an earlier one's list. So each zone below names disjoint files
// and carries every restriction that applies to them.

const TS = '**/*.{ts,tsx,mts,cts,js,mjs}';
const TESTS = ['**/*.test.{ts,tsx}', '**/test/**'];

/** The server, by package name: its router types are public, its code is not (except to tests). */
const serverValues = {
  group: ['@chat/api', '@chat/api/*'],
  allowTypeImports: true,
  message:
    'Only types come from the server here (`import type { AppRouter, RouterInputs, RouterOutputs } from "@chat/api/router"`); a value import would pull server code into a client.',
};
/** Tests may start a real server through `@chat/api/server`, and import only types otherwise. */
const serverValuesExceptStart = {
  // A regex, not a group: in gitignore syntax '@chat/api' excludes the directory, and a negated
  // '!@chat/api/server' cannot re-include a path under an excluded directory.
  regex: '^@chat/api(/(?!server$).*)?$',
  allowTypeImports: true,
  message: 'Tests start a server through `@chat/api/server`; anything else from the server is imported as a type only.',
};
const apps = {
  group: ['@chat/api', '@chat/api/*', '@chat/web', '@chat/web/*', '@chat/cli', '@chat/cli/*'],
  message: 'Shared packages do not depend on the apps built on them.',
};
/** Node and server modules never reach the browser bundle. */
const nodeOnly = [
  {
    group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])],
    message: 'apps/web runs in the browser: no Node built-ins.',
  },
  {
    group: ['@chat/db', '@chat/db/*', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg', 'ioredis', 'ws'],
    message: 'apps/web runs in the browser: database and server libraries stay in apps/api.',
  },
];

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

const importBoundaries = [
  {
    // Everywhere: no relative path into another workspace, and every workspace imported by name
    // is declared in package.json (see tools/lint-rules/workspaces.js).
    files: [TS],
    plugins: { workspaces },
    rules: {
      'workspaces/declared-dependency': 'error',
      'workspaces/no-relative-cross-workspace': [
        'error',
        {
          // Reviewed exceptions, each until the shared code has a package of its own.
          allow: [
            {
              file: 'e2e/timeline.e2e.test.ts',
              target: 'bench/src/web/proxy.ts',
              because: 'the throttling proxy of the web bench; e2e has no package.json to depend on bench by name',
            },
            {
              file: 'bench/src/web/run-app.ts',
              target: 'e2e/browser.ts',
              because: "the web bench drives the e2e tests' Chromium launcher; e2e is not a package",
            },
            {
              file: 'examples/echo-bot/bot.test.ts',
              target: 'apps/cli/test/spawn.ts',
              because: "the CLI tests' helper for driving a Node program by stdin/stdout; @chat/cli exports no test helpers",
            },
          ],
        },
      ],
    },
  },
  // The contract package depends on no other package of ours, types included.
  restrict(['packages/api-types/**'], [{ group: ['@chat/*'], message: '@chat/api-types is the contract: it imports no other @chat package (the router types live in @chat/api/router).' }]),
  restrict(['packages/db/**'], [apps]),
  // The browser app, tests included (they run in Node but test browser code).
  restrict(['apps/web/**'], [serverValues, ...nodeOnly], ['apps/web/*.config.ts']),
  restrict(['apps/web/*.config.ts'], [serverValues]),
  // Clients of the server: the SDK, the CLI, the examples.
  restrict(['packages/client/src/**', 'apps/cli/src/**', 'examples/**'], [serverValues], TESTS),
  restrict(['packages/client/**', 'apps/cli/**', 'examples/**', 'hostile/**', 'e2e/**'], [serverValuesExceptStart], [
    'packages/client/src/**',
    'apps/cli/src/**',
    'examples/**/!(*.test).ts',
  ]),
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'packages/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // With type information: a promise nobody awaits loses its error (a test passes that should
    // not, a server call fails unseen), and one passed where a plain value or a void callback is
    // expected (`if (promise)`, `onClick={async () => …}`, `emitter.on('x', async …)`) does too.
    // Configs sit outside every tsconfig.
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...importBoundaries,
);
