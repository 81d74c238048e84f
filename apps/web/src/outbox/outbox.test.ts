import { describe, expect, it } from 'vitest';
import { alice } from '../test/fixtures.ts';
import { enqueue, nextToSend, pendingIn, remove, revive, setStatus, type Outbox } from './outbox.ts';
import { sendInput } from './sendInput.ts';

const entry = (clientMsgId: string, createdAt = 1, roomId = '10') => ({ clientMsgId, roomId, body: `body ${clientMsgId}`, createdAt });

describe('outbox', () => {
  it('queues a new message once, however often it is added', () => {
    let box: Outbox = [];
    box = enqueue(box, entry('a'));
    box = enqueue(box, entry('a'));
    expect(box).toEqual([{ ...entry('a'), status: 'queued' }]);
  });

  it('sends the oldest queued message first and skips those in flight or failed', () => {
    let box: Outbox = [entry('late', 5), entry('early', 2), entry('mid', 3)].reduce(enqueue, [] as Outbox);
    expect(nextToSend(box)?.clientMsgId).toBe('early');
    box = setStatus(box, 'early', 'sending');
    box = setStatus(box, 'mid', 'failed', 'nope');
    expect(nextToSend(box)?.clientMsgId).toBe('late');
    expect(nextToSend(remove(box, 'late'))).toBeUndefined();
  });

  it('keeps the reason of a failure and drops it on retry', () => {
    let box = enqueue([], entry('a'));
    box = setStatus(box, 'a', 'failed', 'You may not post here.');
    expect(box[0]).toMatchObject({ status: 'failed', error: 'You may not post here.' });
    box = setStatus(box, 'a', 'queued');
    expect(box[0]).not.toHaveProperty('error');
  });

  it('requeues sends that were in flight when the page went away, and ignores junk', () => {
    const stored = [
      { ...entry('a'), status: 'sending' },
      { ...entry('b'), status: 'failed', error: 'x' },
      { clientMsgId: 'c' },
      'junk',
    ];
    expect(revive(stored).map((e) => [e.clientMsgId, e.status])).toEqual([
      ['a', 'queued'],
      ['b', 'failed'],
    ]);
    expect(revive('not an array')).toEqual([]);
  });

  it('keeps the files of a message across a reload', () => {
    const file = { id: '5', name: 'a.png', mime: 'image/png', size: 1, url: '/api/files/5', width: 1, height: 1, thumbnailUrl: '/api/files/5/thumbnail' };
    const stored = JSON.parse(JSON.stringify(enqueue([], { ...entry('a'), body: '', attachments: [file] }))) as unknown;
    expect(revive(stored)[0]?.attachments).toEqual([file]);
    expect(revive([{ ...entry('b'), status: 'queued', attachments: 'junk' }])).toEqual([]);
  });

  it('keeps the message a reply answers across a reload, and sends its id every time it is tried', () => {
    const replyTo = { id: '7', author: alice, excerpt: 'lunch?', deleted: false };
    const [stored] = revive(JSON.parse(JSON.stringify(enqueue([], { ...entry('a'), replyTo }))));
    expect(stored?.replyTo).toEqual(replyTo);
    expect(stored && sendInput(stored)).toEqual({ roomId: '10', body: 'body a', clientMsgId: 'a', replyToId: '7' });
    expect(sendInput({ ...entry('b'), status: 'queued' })).toEqual({ roomId: '10', body: 'body b', clientMsgId: 'b' });
    expect(revive([{ ...entry('c'), status: 'queued', replyTo: '7' }])).toEqual([]);
  });

  it("shows a room's pending messages in order until the history holds them", () => {
    const box = [entry('b', 2), entry('other', 1, '11'), entry('a', 1)].reduce(enqueue, [] as Outbox);
    const confirmed = (...ids: string[]) => ({ hasClientMsgId: (id: string) => ids.includes(id) });
    expect(pendingIn(box, '10', confirmed()).map((e) => e.clientMsgId)).toEqual(['a', 'b']);
    expect(pendingIn(box, '10', confirmed('a')).map((e) => e.clientMsgId)).toEqual(['b']);
  });
});
