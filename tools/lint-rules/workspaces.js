// Local ESLint rules that know the monorepo's workspaces (root package.json "workspaces").
//
// - workspaces/no-relative-cross-workspace: a relative import must stay inside the workspace
//   (package) of the importing file. Another workspace is reached through its package name and
//   its "exports", so the boundary is visible in package.json (and in turbo's task graph). A
//   string pattern cannot tell this apart: from apps/cli/test/x.ts, '../../api/src/y.ts' leaves
//   the workspace, while from apps/cli/src/a/b/x.ts, '../../y.ts' does not. Files outside every
//   workspace (e2e/, root configs, tools/) count as the root package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute directories of the workspaces, from the root package.json (only `dir` and `dir/*` forms). */
function workspaceDirs(root) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = [];
  for (const pattern of workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(parent, entry.name, 'package.json'))) dirs.push(join(parent, entry.name));
      }
    } else if (!/[*?{[]/.test(pattern)) {
      if (existsSync(join(root, pattern, 'package.json'))) dirs.push(join(root, pattern));
    } else {
      throw new Error(`tools/lint-rules: workspace pattern ${pattern} is not supported; extend workspaceDirs()`);
    }
  }
  return dirs;
}

const WORKSPACES = workspaceDirs(ROOT);
const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
/** Workspace package name -> its directory. */
const PACKAGES = new Map(WORKSPACES.map((dir) => [manifest(dir).name, dir]));

/** The workspace directory a path lies in, or the repository root. */
export function workspaceOf(path) {
  for (const dir of WORKSPACES) if (path === dir || path.startsWith(dir + sep)) return dir;
  return ROOT;
}

const label = (dir) => (dir === ROOT ? 'the root package' : relative(ROOT, dir));

/** Calls `check(node, specifier)` for every static module specifier in the file. */
function eachSpecifier(check) {
  const typeOnly = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.type === 'ImportDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
  const source = (node) => {
    const s = node.source;
    if (s && s.type === 'Literal' && typeof s.value === 'string') check(s, s.value, typeOnly(node));
  };
  return {
    ImportDeclaration: source,
    ExportNamedDeclaration: source,
    ExportAllDeclaration: source,
    ImportExpression: source,
    // import('../x.ts').T in a type position
    TSImportType(node) {
      const arg = node.argument;
      const lit = arg && arg.type === 'TSLiteralType' ? arg.literal : arg;
      if (lit && lit.type === 'Literal' && typeof lit.value === 'string') check(lit, lit.value, true);
    },
    // import x = require('../x')
    TSExternalModuleReference(node) {
      const e = node.expression;
      if (e && e.type === 'Literal' && typeof e.value === 'string') check(e, e.value, false);
    },
  };
}

const noRelativeCrossWorkspace = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports stay inside their workspace; other workspaces are imported by package name.' },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          // Reviewed exceptions: { file, target, typeOnly?, because }, paths from the repository root.
          allow: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['file', 'target', 'because'],
              properties: { file: { type: 'string' }, target: { type: 'string' }, typeOnly: { type: 'boolean' }, because: { type: 'string' } },
            },
          },
        },
      },
    ],
    messages: {
      crossing:
        "'{{specifier}}' reaches from {{from}} into {{to}} by a relative path. Import it by package name through that package's \"exports\" instead.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    if (!file || !file.startsWith(sep) && !/^[A-Za-z]:/.test(file)) return {};
    const from = workspaceOf(file);
    const here = relative(ROOT, file).split(sep).join('/');
    const allowed = (context.options[0]?.allow ?? []).filter((a) => a.file === here);
    return eachSpecifier((node, specifier, typeOnly) => {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return;
      const target = resolve(dirname(file), specifier);
      const to = workspaceOf(target);
      if (to === from) return;
      const rel = relative(ROOT, target).split(sep).join('/');
      if (allowed.some((a) => a.target === rel && (!a.typeOnly || typeOnly))) return;
      context.report({ node, messageId: 'crossing', data: { specifier, from: label(from), to: label(to) } });
    });
  },
};

// - workspaces/declared-dependency: a workspace that imports another workspace by name declares
//   it in its package.json. Turbo's task graph (and so its cache keys: a typecheck re-runs when a
//   dependency's source changes) follows those declarations; an undeclared import would let a
//   stale cached result through. Files outside every workspace (e2e/, tools/) belong to the root
//   package, whose turbo tasks take every source file as input, so they are not checked.
const declaredDependency = {
  meta: {
    type: 'problem',
    docs: { description: 'A workspace declares every workspace package it imports.' },
    schema: [],
    messages: {
      undeclared:
        "'{{specifier}}' comes from {{pkg}}, which {{from}}/package.json does not declare: add it to \"dependencies\" (or \"devDependencies\" if only tests and tools use it), so turbo's task graph knows.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const from = workspaceOf(file);
    if (from === ROOT) return {};
    const m = manifest(from);
    const declared = new Set([
      m.name,
      ...Object.keys({ ...m.dependencies, ...m.devDependencies, ...m.peerDependencies, ...m.optionalDependencies }),
    ]);
    return eachSpecifier((node, specifier) => {
      const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (PACKAGES.has(pkg) && !declared.has(pkg)) context.report({ node, messageId: 'undeclared', data: { specifier, pkg, from: label(from) } });
    });
  },
};

export default {
  meta: { name: 'workspaces' },
  rules: { 'no-relative-cross-workspace': noRelativeCrossWorkspace, 'declared-dependency': declaredDependency },
};
