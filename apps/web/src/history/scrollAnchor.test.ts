import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAnchor, saveAnchor } from './scrollAnchor.ts';

/** The browser's sessionStorage, reduced to what is used, counting the writes. */
let writes = 0;
const entries = new Map<string, string>();
beforeEach(() => {
  writes = 0;
  entries.clear();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => entries.get(k) ?? null,
    setItem: (k: string, v: string) => void (writes++, entries.set(k, v)),
    removeItem: (k: string) => void (writes++, entries.delete(k)),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('saveAnchor', () => {
  it('writes only what changed: following the newest (every scroll event at the end) costs one write', () => {
    for (let i = 0; i < 500; i++) saveAnchor('room-a', null);
    expect(writes).toBe(1);
    saveAnchor('room-a', { messageId: 'm1', offset: -12 });
    saveAnchor('room-a', { messageId: 'm1', offset: -12 });
    expect(writes).toBe(2);
    expect(loadAnchor('room-a')).toEqual({ messageId: 'm1', offset: -12 });
    saveAnchor('room-a', { messageId: 'm1', offset: -40 });
    saveAnchor('room-b', { messageId: 'm1', offset: -40 });
    expect(writes).toBe(4);
    saveAnchor('room-a', null);
    expect(loadAnchor('room-a')).toBeNull();
    expect(loadAnchor('room-b')).toEqual({ messageId: 'm1', offset: -40 });
  });
});
