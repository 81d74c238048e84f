import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClientMsgId } from './clientMsgId.ts';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newClientMsgId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a v4 UUID, unique per call', () => {
    const a = newClientMsgId();
    expect(a).toMatch(uuidV4);
    expect(newClientMsgId()).not.toBe(a);
  });

  it('still works where randomUUID is missing (plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    expect(globalThis.crypto.randomUUID).toBeUndefined();
    expect(newClientMsgId()).toMatch(uuidV4);
  });
});
