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
    // A few at a time, seconds apart: every frame draws.
    push(3);
    runFrames();
    vi.advanceTimersByTime(1_000);
    push(3);
    expect(frames.size).toBe(1);
    runFrames();
    vi.advanceTimersByTime(1_000);
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

  it('draws a steady flow every 80 ms or so rather than every frame, and single messages at once', () => {
    const batches: number[] = [];
    const batch = frameBatch<number>((items) => batches.push(items.length), () => Date.now());
    // One message a second: each is drawn in the next frame.
    for (let i = 0; i < 3; i++) {
      batch.push(i);
      runFrames();
      vi.advanceTimersByTime(1_000);
    }
    expect(batches).toEqual([1, 1, 1]);
    // 200 a second (one every 5 ms), with a frame every 16 ms: after the first frames show the
    // flow, hand-overs come 80 ms apart (and their frame).
    batches.length = 0;
    for (let ms = 0; ms < 1_000; ms++) {
      if (ms % 5 === 0) batch.push(ms);
      if (ms % 16 === 0) runFrames();
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    runFrames();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
    expect(batches.length).toBeLessThan(20);
    expect(Math.max(...batches)).toBeLessThanOrEqual(20);
    // Quiet again: the next message is drawn at once.
    vi.advanceTimersByTime(1_000);
    runFrames();
    batches.length = 0;
    batch.push(1);
    runFrames();
    expect(batches).toEqual([1]);
  });
});
