import { describe, expect, it } from 'vitest';
import { dateTimeLabel, dayLabel, timeAgo } from './timeLabels.ts';

const at = (h: number, m: number, day = 10) => new Date(2026, 2, day, h, m).toISOString();

describe('dayLabel', () => {
  const now = new Date(2026, 2, 10, 15, 0);
  it('names today and yesterday', () => {
    expect(dayLabel(at(8, 0, 10), now)).toBe('Today');
    expect(dayLabel(at(23, 0, 9), now)).toBe('Yesterday');
  });

  it('spells out older days', () => {
    expect(dayLabel(at(8, 0, 2), now)).not.toMatch(/Today|Yesterday/);
  });
});

describe('dateTimeLabel', () => {
  const now = new Date(2026, 2, 10, 15, 0);
  it('leaves out the year of this year, not of another', () => {
    expect(dateTimeLabel(at(8, 0, 2), now)).not.toContain('2026');
    expect(dateTimeLabel(new Date(2025, 11, 31, 8, 0).toISOString(), now)).toContain('2025');
  });
});

describe('timeAgo', () => {
  const now = new Date(2026, 2, 10, 15, 0);
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  it('says "just now" within a minute, and for a clock slightly ahead', () => {
    expect(timeAgo(ago(30_000), now)).toBe('just now');
    expect(timeAgo(ago(-5_000), now)).toBe('just now');
  });

  it('counts whole minutes, hours and days', () => {
    expect(timeAgo(ago(60_000), now)).toBe('1 minute ago');
    expect(timeAgo(ago(59 * 60_000), now)).toBe('59 minutes ago');
    expect(timeAgo(ago(3 * 3_600_000 + 10 * 60_000), now)).toBe('3 hours ago');
    expect(timeAgo(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(timeAgo(ago(6 * 86_400_000), now)).toBe('6 days ago');
  });

  it('gives the date from a week back', () => {
    expect(timeAgo(ago(8 * 86_400_000), now)).toBe(dateTimeLabel(ago(8 * 86_400_000), now));
  });
});
