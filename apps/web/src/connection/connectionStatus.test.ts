import { describe, expect, it } from 'vitest';
import { connectionStatus, nextAttemptLabel } from './connectionStatus.ts';

describe('connectionStatus', () => {
  it('is connected whenever the socket is open', () => {
    expect(connectionStatus('pending', true, false)).toBe('connected');
    expect(connectionStatus('pending', false, true)).toBe('connected');
  });

  it('tells a first connect from a reconnect', () => {
    expect(connectionStatus('connecting', true, false)).toBe('connecting');
    expect(connectionStatus('connecting', true, true)).toBe('reconnecting');
    expect(connectionStatus('idle', true, true)).toBe('reconnecting');
  });

  it('is ready, not reconnecting, when a lazy socket is idle because nothing needs it', () => {
    expect(connectionStatus('idle', true, false, true)).toBe('ready');
    expect(connectionStatus('idle', true, true, true)).toBe('ready');
    expect(connectionStatus('connecting', true, true, true)).toBe('reconnecting');
    expect(connectionStatus('idle', false, true, true)).toBe('offline');
  });

  it('says offline when the browser is offline and the socket is not open', () => {
    expect(connectionStatus('connecting', false, true)).toBe('offline');
  });
});

describe('nextAttemptLabel', () => {
  it('says when the next reconnect attempt starts, while it is ahead', () => {
    expect(nextAttemptLabel(3)).toBe('Next try in 3 seconds');
    expect(nextAttemptLabel(1)).toBe('Next try in 1 second');
    expect(nextAttemptLabel(0)).toBeNull();
    expect(nextAttemptLabel(null)).toBeNull();
  });
});
