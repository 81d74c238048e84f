import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  frame: string;
  selfMs: number;
  percent: number;
}

export interface LongTask {
  /** From the start of the profile. */
  atMs: number;
  ms: number;
  /** The outermost frames of the task's most frequent stacks, with their sample counts. */
  stacks: string[];
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/apps\//, 'apps/');
const isIdle = (node: ProfileNode | undefined) => node?.callFrame.functionName === '(idle)';

function load(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const nameOf = new Map<number, string>();
  for (const { id, callFrame: c } of profile.nodes) {
    const where = c.url ? ` ${shortUrl(c.url)}:${c.lineNumber + 1}` : '';
    nameOf.set(id, `${c.functionName || '(anonymous)'}${where}`);
  }
  return { profile, nodes, nameOf };
}

/** Self time per function (name + file:line) of a V8 .cpuprofile, largest first. */
export function topSelfFrames(file: string, count: number): Frame[] {
  const { profile, nameOf } = load(file);
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const name = nameOf.get(nodeId) ?? '?';
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, us]) => ({ frame, selfMs: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
}

/**
 * Stretches of at least `minMs` without an idle sample: the event loop was busy throughout,
 * so every delivery due then waited. Each comes with what it spent its samples on.
 */
export function longTasks(file: string, minMs: number): LongTask[] {
  const { profile, nodes, nameOf } = load(file);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const outerFrames = (id: number) => {
    const path: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) path.push(nameOf.get(at) ?? '?');
    return path.reverse().slice(1, 4).join(' > ');
  };
  const tasks: LongTask[] = [];
  let t = 0;
  let task: { start: number; end: number; samples: number[] } | null = null;
  const close = () => {
    if (task && (task.end - task.start) / 1000 >= minMs) {
      const counts = new Map<string, number>();
      for (const id of task.samples) {
        const stack = outerFrames(id);
        counts.set(stack, (counts.get(stack) ?? 0) + 1);
      }
      const stacks = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([stack, n]) => `${n}× ${stack}`);
      tasks.push({ atMs: Math.round(task.start / 1000), ms: Math.round((task.end - task.start) / 100) / 10, stacks });
    }
    task = null;
  };
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (isIdle(nodes.get(id))) return close();
    task ??= { start: t, end: t, samples: [] };
    task.end = t;
    task.samples.push(id);
  });
  close();
  return tasks;
}
