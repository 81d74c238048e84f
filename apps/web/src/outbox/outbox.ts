import type { ReplyQuote } from '@chat/api-types';
import type { Attachment } from '../files/attachment.ts';

/** A message the user sent that the server has not confirmed yet. */
export interface OutboxEntry {
  clientMsgId: string;
  roomId: string;
  body: string;
  /** Files already uploaded that go with it (absent: none). */
  attachments?: Attachment[];
  /** The message it answers, as quoted when it was written (absent: none); shown while it is pending. */
  replyTo?: ReplyQuote;
  /** When the user pressed send (ms); keeps the outbox in the order things were written. */
  createdAt: number;
  /** queued: waiting for a connection; sending: a request is in flight; failed: the server refused it. */
  status: 'queued' | 'sending' | 'failed';
  /** Why it failed, as a sentence for the user. */
  error?: string;
}

export type Outbox = readonly OutboxEntry[];

export function enqueue(outbox: Outbox, entry: Omit<OutboxEntry, 'status'>): Outbox {
  if (outbox.some((e) => e.clientMsgId === entry.clientMsgId)) return outbox;
  return [...outbox, { ...entry, status: 'queued' }];
}

export function setStatus(outbox: Outbox, clientMsgId: string, status: OutboxEntry['status'], error?: string): Outbox {
  return outbox.map((e) => {
    if (e.clientMsgId !== clientMsgId) return e;
    const { error: _previous, ...rest } = e;
    return error === undefined ? { ...rest, status } : { ...rest, status, error };
  });
}

export function remove(outbox: Outbox, clientMsgId: string): Outbox {
  return outbox.filter((e) => e.clientMsgId !== clientMsgId);
}

/** The next entry to send: the oldest queued one, so messages reach a room in the order they were written. */
export function nextToSend(outbox: Outbox): OutboxEntry | undefined {
  return outbox.filter((e) => e.status === 'queued').sort((a, b) => a.createdAt - b.createdAt)[0];
}

/**
 * An outbox read back from storage. A send that was in flight when the page went away may or
 * may not have reached the server; queueing it again is safe because the server answers a
 * repeated clientMsgId with the message it already stored.
 */
export function revive(stored: unknown): Outbox {
  if (!Array.isArray(stored)) return [];
  return stored.filter(isEntry).map((e) => (e.status === 'sending' ? { ...e, status: 'queued' } : e));
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.clientMsgId === 'string' &&
    typeof e.roomId === 'string' &&
    typeof e.body === 'string' &&
    typeof e.createdAt === 'number' &&
    (e.attachments === undefined || Array.isArray(e.attachments)) &&
    (e.replyTo === undefined || typeof (e.replyTo as { id?: unknown } | null)?.id === 'string') &&
    (e.status === 'queued' || e.status === 'sending' || e.status === 'failed')
  );
}

/**
 * What a room shows as pending: its entries minus any whose message already reached the
 * history (by event or by answer), matched on clientMsgId, so a message never shows twice.
 */
export function pendingIn(outbox: Outbox, roomId: string, confirmed: { hasClientMsgId(clientMsgId: string): boolean }): OutboxEntry[] {
  return outbox.filter((e) => e.roomId === roomId && !confirmed.hasClientMsgId(e.clientMsgId)).sort((a, b) => a.createdAt - b.createdAt);
}
