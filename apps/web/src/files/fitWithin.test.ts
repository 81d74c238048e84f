import { describe, expect, it } from 'vitest';
import { fitWithin } from './fitWithin.ts';

const box = { width: 320, height: 240 };

describe('fitWithin', () => {
  it('scales a large picture down to the box, keeping its shape', () => {
    expect(fitWithin(1920, 1080, box)).toEqual({ width: 320, height: 180 });
    expect(fitWithin(1000, 2000, box)).toEqual({ width: 120, height: 240 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(64, 48, box)).toEqual({ width: 64, height: 48 });
  });

  it('keeps a sliver at least one pixel wide', () => {
    expect(fitWithin(10, 100_000, box)).toEqual({ width: 1, height: 240 });
  });

  it('uses the whole box when the size is unknown', () => {
    expect(fitWithin(null, null, box)).toEqual(box);
  });
});
