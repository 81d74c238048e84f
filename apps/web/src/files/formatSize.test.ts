import { describe, expect, it } from 'vitest';
import { formatSize } from './formatSize.ts';

describe('formatSize', () => {
  it('shows bytes below a kilobyte', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
  });

  it('keeps one decimal below ten and none above', () => {
    expect(formatSize(1024)).toBe('1 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(12.3 * 1024)).toBe('12 KB');
    expect(formatSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(2 * 1024 ** 3)).toBe('2 GB');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatSize(1024 * 1024 - 1)).toBe('1 MB');
  });
});
