import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures.ts';
import { timelineCache } from './timelineCache.ts';

/** An in-memory Storage that refuses writes past `quota` characters in all, as a full localStorage does. */
function memoryStorage(quota = Number.POSITIVE_INFINITY): Storage & { writes: string[] } {
  const items = new Map<string, string>();
  const writes: string[] = [];
  const used = () => [...items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  return {
    writes,
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      if (used() - (items.get(key)?.length ?? 0) + value.length > quota) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
      writes.push(key);
    },
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const snapshot = (seqs: number[]) => ({ messages: seqs.map((s) => message(s)), olderCursor: '1', lastEventId: String(seqs.at(-1)) });

describe('timelineCache', () => {
  it('saves each room under its own key, so a change in one room rewrites only that room', () => {
    const storage = memoryStorage();
    const cache = timelineCache(storage, 'owner');
    cache.write('10', snapshot([1, 2]));
    cache.write('11', snapshot([3]));
    cache.write('10', snapshot([1, 2, 4]));
    expect(storage.writes).toEqual(['chat.timeline.owner.10', 'chat.timeline.owner.11', 'chat.timeline.owner.10']);
    expect(cache.read('10')?.messages.map((m) => m.seq)).toEqual([1, 2, 4]);
    expect(cache.read('12')).toBeNull();
  });

  it('belongs to one sign-in: another owner reads nothing, and clearing removes every saved timeline only', () => {
    const storage = memoryStorage();
    timelineCache(storage, 'first').write('10', snapshot([1]));
    storage.setItem('chat.outbox.1', '[]');
    expect(timelineCache(storage, 'second').read('10')).toBeNull();
    timelineCache(storage, 'second').clear();
    expect(storage.length).toBe(1);
    expect(storage.getItem('chat.outbox.1')).toBe('[]');
  });

  it('keeps only the rooms it is told to, of its own sign-in: a room gone from the list leaves nothing saved', () => {
    const storage = memoryStorage();
    const cache = timelineCache(storage, 'o');
    cache.write('10', snapshot([1]));
    cache.write('11', snapshot([2]));
    cache.write('110', snapshot([3]));
    timelineCache(storage, 'earlier').write('10', snapshot([4]));
    storage.setItem('chat.outbox.1', '[]');
    cache.retain(new Set(['10', '110']));
    expect([...Array(storage.length).keys()].map((i) => storage.key(i)).sort()).toEqual(['chat.outbox.1', 'chat.timeline.o.10', 'chat.timeline.o.110']);
    expect(cache.read('10')?.lastEventId).toBe('1');
  });

  it('makes room in a full storage by dropping the other rooms, and ignores what it cannot read', () => {
    const storage = memoryStorage(1_200);
    const cache = timelineCache(storage, 'o');
    cache.write('10', snapshot([1, 2, 3]));
    cache.write('11', snapshot([4, 5, 6]));
    expect(cache.read('10')).toBeNull();
    expect(cache.read('11')?.lastEventId).toBe('6');
    storage.setItem('chat.timeline.o.12', '{not json');
    expect(cache.read('12')).toBeNull();
  });
  it('reads messages saved before replies, reactions and pins as having none', () => {
    const storage = memoryStorage();
    const { replyTo: _r, threadRootId: _t, replyCount: _c, reactions: _e, pinned: _p, ...old } = message(1);
    storage.setItem('chat.timeline.o.10', JSON.stringify({ messages: [old], olderCursor: null, lastEventId: '1', savedAt: Date.now() }));
    expect(timelineCache(storage, 'o').read('10')?.messages).toEqual([message(1)]);
  });
});
