import { describe, expect, it } from 'vitest';
import { connectionStatus } from './connectionStatus.ts';

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

  it('says offline when the browser is offline and the socket is not open', () => {
    expect(connectionStatus('connecting', false, true)).toBe('offline');
  });
});
