import type { Message, RouterInputs } from '@chat/api-types';

export type SendInput = RouterInputs['message']['send'];

/** A message the user sent that the server has not confirmed into the room's history yet. */
export interface PendingMessage {
  clientMsgId: string;
  body: string;
  status: 'sending' | 'failed';
  error: unknown;
  submittedAt: number;
}

/** The part of a TanStack mutation's state that says how a send is going. */
export interface SendState {
  variables: SendInput | undefined;
  status: 'idle' | 'pending' | 'success' | 'error';
  error: unknown;
  submittedAt: number;
}

/**
 * Sends of `roomId` still in flight or failed, minus any whose message already reached the
 * cache (by event or by answer): matched on clientMsgId, so a message never shows twice.
 */
export function pendingMessages(sends: readonly SendState[], roomId: string, confirmed: readonly Message[]): PendingMessage[] {
  const known = new Set(confirmed.map((m) => m.clientMsgId));
  const out: PendingMessage[] = [];
  for (const send of sends) {
    const input = send.variables;
    if (!input || input.roomId !== roomId || known.has(input.clientMsgId)) continue;
    if (send.status !== 'pending' && send.status !== 'error') continue;
    out.push({
      clientMsgId: input.clientMsgId,
      body: input.body,
      status: send.status === 'error' ? 'failed' : 'sending',
      error: send.error,
      submittedAt: send.submittedAt,
    });
  }
  return out.sort((a, b) => a.submittedAt - b.submittedAt);
}
