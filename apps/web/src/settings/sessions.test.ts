import { describe, expect, it } from 'vitest';
import { currentFirst, othersSignedOutText, passwordChangedText, type Session } from './sessions.ts';

const session = (id: string, current = false): Session => ({
  id,
  device: 'Firefox 128 on Linux',
  createdAt: '2026-03-01T09:00:00.000Z',
  lastUsedAt: '2026-03-10T09:00:00.000Z',
  current,
});

describe('currentFirst', () => {
  it('puts this device on top and keeps the order of the others', () => {
    expect(currentFirst([session('3'), session('1'), session('2', true), session('4')]).map((s) => s.id)).toEqual(['2', '3', '1', '4']);
  });
});

describe('sentences about ended sessions', () => {
  it('counts the others signed out', () => {
    expect(othersSignedOutText(0)).toBe('No other session was signed in.');
    expect(othersSignedOutText(1)).toBe('Signed out 1 other session.');
    expect(othersSignedOutText(3)).toBe('Signed out 3 other sessions.');
  });

  it('says what a password change ended', () => {
    expect(passwordChangedText(0)).toBe('Password changed. No other session was signed in.');
    expect(passwordChangedText(1)).toBe('Password changed. 1 other session was signed out.');
    expect(passwordChangedText(2)).toBe('Password changed. 2 other sessions were signed out.');
  });
});
