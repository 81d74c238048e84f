import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../lib/keyValueStorage.ts';
import { createOutboxStore, outboxKey } from './outboxStore.ts';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const entry = { clientMsgId: 'a', roomId: '10', body: 'hello', createdAt: 1 };

describe('outbox store', () => {
  it('survives a reload: a new store for the same user reads what the last one wrote', () => {
    const storage = memoryStorage();
    const first = createOutboxStore('1', storage);
    first.add(entry);
    first.setStatus('a', 'sending');
    const second = createOutboxStore('1', storage);
    expect(second.get()).toEqual([{ ...entry, status: 'queued' }]);
  });

  it('keeps each user to their own outbox', () => {
    const storage = memoryStorage();
    createOutboxStore('1', storage).add(entry);
    expect(createOutboxStore('2', storage).get()).toEqual([]);
    expect(storage.data.has(outboxKey('1'))).toBe(true);
  });

  it('tells listeners of every change and picks up writes from another tab', () => {
    const storage = memoryStorage();
    const store = createOutboxStore('1', storage);
    let calls = 0;
    store.subscribe(() => calls++);
    store.add(entry);
    store.remove('a');
    expect(calls).toBe(2);
    storage.setItem(outboxKey('1'), JSON.stringify([{ ...entry, status: 'failed', error: 'x' }]));
    store.reload();
    expect(store.get()[0]?.status).toBe('failed');
    expect(calls).toBe(3);
  });

  it('starts empty from unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem(outboxKey('1'), '{not json');
    expect(createOutboxStore('1', storage).get()).toEqual([]);
  });
});
