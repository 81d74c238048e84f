import type { Message } from '@chat/api-types';
import { describe, expect, it, vi } from 'vitest';
import type { KeyValueStorage } from '../lib/keyValueStorage.ts';
import { message } from '../test/fixtures.ts';
import type { OutboxEntry } from './outbox.ts';
import { createOutboxSender, type SendFailure } from './outboxSender.ts';
import { createOutboxStore } from './outboxStore.ts';

const storage = (): KeyValueStorage => {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

class Refused extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure);
  }
}

function setup(respond: (entry: OutboxEntry) => Promise<Message>) {
  const store = createOutboxStore('1', storage());
  let connected = true;
  const sent: Message[] = [];
  const send = vi.fn(respond);
  const sender = createOutboxSender({
    store,
    isConnected: () => connected,
    send,
    onSent: (m) => sent.push(m),
    classify: (error) => (error instanceof Refused ? error.failure : 'when-connected'),
    describe: (error) => (error instanceof Error ? error.message : 'failed'),
    retryInMs: 1,
  });
  const add = (clientMsgId: string, createdAt: number) => store.add({ clientMsgId, roomId: '10', body: clientMsgId, createdAt });
  const settle = () => vi.waitFor(() => expect(store.get().some((e) => e.status === 'sending')).toBe(false));
  return { store, sender, send, sent, add, settle, setConnected: (value: boolean) => (connected = value) };
}

const echo = (entry: OutboxEntry) => Promise.resolve(message(Number(entry.createdAt), { clientMsgId: entry.clientMsgId }));

describe('outbox sender', () => {
  it('sends everything in the order it was written and empties the outbox', async () => {
    const t = setup(echo);
    t.add('second', 2);
    t.add('first', 1);
    t.sender.kick();
    await vi.waitFor(() => expect(t.store.get()).toEqual([]));
    expect(t.sent.map((m) => m.clientMsgId)).toEqual(['first', 'second']);
  });

  it('waits while offline and sends once the connection is back', async () => {
    const t = setup(echo);
    t.setConnected(false);
    t.add('a', 1);
    t.sender.kick();
    expect(t.send).not.toHaveBeenCalled();
    t.setConnected(true);
    t.sender.kick();
    await vi.waitFor(() => expect(t.store.get()).toEqual([]));
    expect(t.send).toHaveBeenCalledTimes(1);
  });

  it('keeps a message whose connection dropped mid-send, and resends the same clientMsgId later', async () => {
    let attempts = 0;
    const t = setup((entry) => (++attempts === 1 ? Promise.reject(new Error('socket closed')) : echo(entry)));
    t.add('a', 1);
    t.sender.kick();
    await t.settle();
    expect(t.store.get()).toMatchObject([{ clientMsgId: 'a', status: 'queued' }]);
    t.sender.kick();
    await vi.waitFor(() => expect(t.store.get()).toEqual([]));
    expect(t.send.mock.calls.map(([e]) => e.clientMsgId)).toEqual(['a', 'a']);
  });

  it('marks a refused message as failed and carries on with the rest', async () => {
    const t = setup((entry) => (entry.clientMsgId === 'bad' ? Promise.reject(new Refused('never')) : echo(entry)));
    t.add('bad', 1);
    t.add('good', 2);
    t.sender.kick();
    await vi.waitFor(() => expect(t.sent).toHaveLength(1));
    await t.settle();
    expect(t.store.get()).toMatchObject([{ clientMsgId: 'bad', status: 'failed', error: 'never' }]);
  });

  it('tries a rate-limited message again shortly', async () => {
    let attempts = 0;
    const t = setup((entry) => (++attempts < 3 ? Promise.reject(new Refused('soon')) : echo(entry)));
    t.add('a', 1);
    t.sender.kick();
    await vi.waitFor(() => expect(t.store.get()).toEqual([]));
    expect(attempts).toBe(3);
  });

  it('never runs two sends at once, however often it is kicked', async () => {
    let inFlight = 0;
    let most = 0;
    const t = setup(async (entry) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return echo(entry);
    });
    for (let i = 1; i <= 5; i++) {
      t.add(`m${i}`, i);
      t.sender.kick();
    }
    await vi.waitFor(() => expect(t.store.get()).toEqual([]));
    expect(most).toBe(1);
    expect(t.sent).toHaveLength(5);
  });
});
