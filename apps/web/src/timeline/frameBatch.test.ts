import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameBatch } from './frameBatch.ts';

/** Animation frames the test runs by hand; a hidden tab is one that never runs them. */
let frames: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => {};
  });
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
    for (const frame of frames.splice(0)) frame();
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
});
