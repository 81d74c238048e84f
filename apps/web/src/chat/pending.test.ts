import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures.ts';
import { pendingMessages, type SendState } from './pending.ts';

function send(clientMsgId: string, status: SendState['status'], submittedAt = 1, roomId = '10'): SendState {
  return { variables: { roomId, body: `body ${clientMsgId}`, clientMsgId }, status, error: null, submittedAt };
}

describe('pendingMessages', () => {
  it('shows an unconfirmed send as sending', () => {
    expect(pendingMessages([send('a', 'pending')], '10', [])).toEqual([
      { clientMsgId: 'a', body: 'body a', status: 'sending', error: null, submittedAt: 1 },
    ]);
  });

  it('hides a send as soon as its message is in the history, even before the mutation settles', () => {
    const confirmed = [message(7, { clientMsgId: 'a' })];
    expect(pendingMessages([send('a', 'pending')], '10', confirmed)).toEqual([]);
  });

  it('keeps failed sends (to retry) and drops finished ones', () => {
    const out = pendingMessages([send('a', 'error'), send('b', 'success'), send('c', 'idle')], '10', []);
    expect(out.map((p) => [p.clientMsgId, p.status])).toEqual([['a', 'failed']]);
  });

  it('only lists sends for the given room, in the order they were sent', () => {
    const sends = [send('late', 'pending', 5), send('other', 'pending', 1, '11'), send('early', 'pending', 2)];
    expect(pendingMessages(sends, '10', []).map((p) => p.clientMsgId)).toEqual(['early', 'late']);
  });
});
