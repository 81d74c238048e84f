import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { grouped, importGraph, loops, sourceFiles, topFolder, workspaceEntries } from './import-graph.ts';

const repo = join(import.meta.dirname, '../..');
const WORKSPACES = ['apps/api', 'apps/web', 'apps/cli', 'packages/api-types', 'packages/client', 'packages/db', 'examples/echo-bot', 'hostile', 'bench', 'e2e', 'tools'];
const show = (loop: string[]) => loop.map((file) => relative(repo, file));

test('no file anywhere imports itself around a loop, across workspaces too', () => {
  const files = WORKSPACES.flatMap((workspace) => sourceFiles(join(repo, workspace)));
  const entries = workspaceEntries(repo, WORKSPACES);
  expect(files.length).toBeGreaterThan(300);
  expect(entries.get('@chat/api-types')).toBe(join(repo, 'packages/api-types/src/index.ts'));
  expect(loops(importGraph(files, entries)).map(show)).toEqual([]);
});

// A folder is one idea; two that import each other (directly or around a loop) are one idea
// split in two, and the reader of either has to read both.
test.each(['apps/api/src', 'apps/web/src'])('no two folders of %s import each other', (dir) => {
  const root = join(repo, dir);
  const files = sourceFiles(root);
  expect(loops(grouped(importGraph(files), topFolder(root)))).toEqual([]);
});

test('a loop is found: the check can fail', () => {
  const graph = new Map([
    ['/r/a/x.ts', ['/r/b/y.ts']],
    ['/r/b/y.ts', ['/r/c/z.ts']],
    ['/r/c/z.ts', ['/r/a/w.ts']],
    ['/r/a/w.ts', []],
  ]);
  expect(loops(graph)).toEqual([]);
  expect(loops(grouped(graph, topFolder('/r')))).toEqual([['a', 'b', 'c']]);
});

test('no two workspaces depend on each other, around a loop either', () => {
  const manifests = WORKSPACES.flatMap((workspace) => {
    try {
      return [JSON.parse(readFileSync(join(repo, workspace, 'package.json'), 'utf8')) as Manifest];
    } catch {
      return [];
    }
  });
  const ours = new Set(manifests.map((m) => m.name));
  const graph = new Map(
    manifests.map((m) => [m.name, Object.keys({ ...m.dependencies, ...m.devDependencies, ...m.peerDependencies }).filter((dep) => ours.has(dep))]),
  );
  expect(graph.get('@chat/client')).toContain('@chat/api-types');
  expect(loops(graph)).toEqual([]);
});

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
