import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx)$/;
const SKIP = new Set(['node_modules', 'dist', '.turbo']);

/** Every TypeScript file under `dir`, tests included: a test in a loop is a loop too. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

type Exports = string | { [condition: string]: Exports };

/** Our workspaces' entry points by import name (`@chat/api/router` → its file), from their `exports`. */
export function workspaceEntries(repo: string, workspaces: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const workspace of workspaces) {
    let manifest: { name?: string; exports?: Exports };
    try {
      manifest = JSON.parse(readFileSync(join(repo, workspace, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue;
    }
    const { name, exports } = manifest;
    if (!name || exports === undefined) continue;
    const paths = typeof exports === 'string' || !Object.keys(exports).some((key) => key.startsWith('.')) ? { '.': exports } : exports;
    for (const [subpath, target] of Object.entries(paths)) {
      const file = anyTarget(target);
      if (file) entries.set(subpath === '.' ? name : `${name}/${subpath.slice(2)}`, resolve(repo, workspace, file));
    }
  }
  return entries;
}

/** Any file an export may resolve to: every condition leads to the same module in our source. */
const anyTarget = (target: Exports): string | null =>
  typeof target === 'string' ? target : (Object.values(target).map(anyTarget).find((file) => file !== null) ?? null);

/**
 * Each file's imports of our own files — relative ones, and our workspaces' by package name
 * (`entries`) — type-only ones too: a loop of types is still a loop a reader has to untangle.
 */
export function importGraph(files: string[], entries = new Map<string, string>()): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles
        .map(({ fileName: spec }) => (spec.startsWith('.') ? resolve(dirname(file), spec) : entries.get(spec)))
        .filter((target): target is string => target !== undefined && known.has(target));
      return [file, [...new Set(targets)]];
    }),
  );
}

/** The graph with each node replaced by `group(node)`; edges inside one group are dropped. */
export function grouped(graph: Map<string, string[]>, group: (node: string) => string): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [from, tos] of graph) {
    const a = group(from);
    const edges = out.get(a) ?? new Set<string>();
    out.set(a, edges);
    for (const to of tos) if (group(to) !== a) edges.add(group(to));
  }
  return new Map([...out].map(([node, edges]) => [node, [...edges]]));
}

/** Strongly connected components of more than one node (Tarjan): each is a loop of imports. */
export function loops(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** A file's folder directly under `root` (a file at the top is its own node). */
export const topFolder = (root: string) => (file: string) => relative(root, file).split('/')[0] as string;
