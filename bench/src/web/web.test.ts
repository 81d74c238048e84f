import { describe, expect, it } from 'vitest';
import { marker, messageBody, readMarker } from './bodies.ts';
import { withDeadline } from './deadline.ts';
import { parseOptions } from './options.ts';
import { ascending, percentile, ranges, summarizeDelays } from './stats.ts';

describe('web bench: stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarizes delays, none as nulls', () => {
    expect(summarizeDelays([30, 10, 20])).toEqual({ p50: 20, p95: 30, max: 30 });
    expect(summarizeDelays([])).toEqual({ p50: null, p95: null, max: null });
  });

  it('writes numbers as compact ranges', () => {
    expect(ranges([9, 3, 4, 5, 12, 11])).toBe('3–5, 9, 11–12');
    expect(ranges([7])).toBe('7');
    expect(ranges([])).toBe('');
  });

  it('judges order strictly: a repeat is out of order', () => {
    expect(ascending([1, 2, 5, 9])).toBe(true);
    expect(ascending([])).toBe(true);
    expect(ascending([1, 3, 2])).toBe(false);
    expect(ascending([1, 2, 2])).toBe(false);
  });
});

describe('web bench: message bodies', () => {
  it('carry a marker that reads back from the text, whatever the markdown around it', () => {
    for (let i = 0; i < 300; i++) {
      const body = messageBody('b7', i);
      expect(body.startsWith(marker('b7', i))).toBe(true);
      expect(readMarker('b7', body)).toBe(i);
    }
    expect(readMarker('b7', 'nothing here b8-00001')).toBeNull();
    expect(readMarker('b7', 'LSLena Svensson1:51 PMb7-00042 Thanks!')).toBe(42);
  });

  it('are the same on every run and vary between messages', () => {
    expect(messageBody('x', 42)).toBe(messageBody('x', 42));
    const lengths = new Set(Array.from({ length: 50 }, (_, i) => messageBody('x', i).length));
    expect(lengths.size).toBeGreaterThan(10);
  });
});

describe('web bench: options', () => {
  it('defaults to every scenario', () => {
    const o = parseOptions([]);
    expect(o.scenarios).toEqual(['catchup', 'burst', 'scroll']);
    expect(o.sizes).toEqual([200, 1000, 5000]);
    expect(o.app).toBeNull();
    expect(o.build).toBe(true);
  });

  it('reads flags from argv or from npm config', () => {
    const o = parseOptions(['--scenarios=burst,scroll', '--sizes=1_000', '--timeout=30', '--no-build'], { npm_config_app: '/tmp/other' });
    expect(o.scenarios).toEqual(['burst', 'scroll']);
    expect(o.sizes).toEqual([1000]);
    expect(o.timeoutMs).toBe(30_000);
    expect(o.build).toBe(false);
    expect(o.app).toBe('/tmp/other');
  });

  it('refuses what it does not know', () => {
    expect(() => parseOptions(['--scenarios=catchup,warp'])).toThrow(/unknown scenario "warp"/);
    expect(() => parseOptions(['--sizes=0'])).toThrow(/whole number/);
    expect(() => parseOptions(['--app'])).toThrow(/--app=/);
  });
});

describe('web bench: deadlines', () => {
  it('answers the value in time, or that it timed out', async () => {
    expect(await withDeadline(Promise.resolve(3), 100)).toEqual({ timedOut: false, value: 3 });
    expect(await withDeadline(new Promise(() => {}), 10)).toEqual({ timedOut: true });
  });
});
