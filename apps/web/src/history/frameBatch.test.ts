import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameBatch } from './frameBatch.ts';

/** Animation frames the test runs by hand; a hidden tab is one that never runs them. */
const frames = new Map<number, () => void>();
let lastFrame = 0;
const runFrames = () => {
  const due = [...frames.values()];
  frames.clear();
  for (const frame of due) frame();
};

beforeEach(() => {
  vi.useFakeTimers();
  frames.clear();
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
    frames.set(++lastFrame, callback);
    return lastFrame;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('frameBatch', () => {
  it('hands over everything pushed before a frame in one batch', () => {
    const batches: number[][] = [];
    const batch = frameBatch<number>((items) => batches.push(items));
    for (let i = 0; i < 500; i++) batch.push(i);
    expect(batches).toEqual([]);
    runFrames();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(500);
    vi.advanceTimersByTime(1_000);
    expect(batches).toHaveLength(1);
  });

  it('still hands them over when no frame comes (a hidden tab)', () => {
    const batches: string[][] = [];
    const batch = frameBatch<string>((items) => batches.push(items));
    batch.push('a');
    batch.push('b');
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('flushes at once on demand, and then has nothing left', () => {
    const batches: string[][] = [];
    const batch = frameBatch<string>((items) => batches.push(items));
    batch.push('a');
    batch.flush();
    batch.flush();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([['a']]);
  });

  it('when behind, waits longer between hand-overs the longer drawing took, up to a bound', () => {
    const batches: number[] = [];
    const batch = frameBatch<number>(
      (items) => {
        batches.push(items.length);
        vi.setSystemTime(Date.now() + (items.length > 50 ? 1_000 : 20)); // how long drawing takes here
      },
      () => Date.now(),
    );
    const push = (n: number) => {
      for (let i = 0; i < n; i++) batch.push(i);
    };
    // A few at a time: every frame draws.
    push(3);
    runFrames();
    push(3);
    expect(frames.size).toBe(1);
    runFrames();
    // Thirty at once took 20 ms to draw: the next ones wait 60 ms for their frame.
    push(30);
    runFrames();
    push(2);
    vi.advanceTimersByTime(59);
    expect(frames.size).toBe(0);
    vi.advanceTimersByTime(1);
    expect(frames.size).toBe(1);
    runFrames();
    // A hundred took 1 s: never more than 250 ms apart.
    push(100);
    batch.flush();
    push(1);
    vi.advanceTimersByTime(249);
    expect(frames.size).toBe(0);
    vi.advanceTimersByTime(1);
    expect(frames.size).toBe(1);
    expect(batches).toEqual([3, 3, 30, 2, 100]);
  });
});
