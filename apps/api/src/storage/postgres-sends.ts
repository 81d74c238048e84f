import { and, eq } from 'drizzle-orm';
import { pgSchema } from '@chat/db/postgres';
import { DomainError, sqlStateOf } from './errors.ts';
import { roomRefusal } from './postgres-events.ts';
import { messageWhere } from './postgres-message-extras.ts';
import type { Q } from './postgres-queries.ts';
import { hot, type Queryable, type SendRow } from './postgres-statements.ts';
import { SendBatches, type Settled } from './postgres-send-batches.ts';
import { NO_EXTRAS, num, toAttachment, toMessage, toReplyQuote, toUser } from './rows.ts';
import type { ChatStore, SendMessageInput } from './store.ts';

const { messages } = pgSchema;

type SentMessage = Awaited<ReturnType<ChatStore['sendMessage']>>;

/** Enough to share a round trip and a commit; small enough to keep one statement's parameters small. */
const MAX_BATCH = 50;

/** Class 23: a unique, foreign-key or check constraint said no. */
const isConstraintViolation = (err: unknown) => sqlStateOf(err)?.startsWith('23') === true;
/** Another send of this (author, clientMsgId) committed while this one ran; this one stored nothing. */
const isSentConcurrently = (err: unknown) =>
  sqlStateOf(err) === '23505' && (err as { constraint?: string }).constraint === 'messages_author_client_msg_idx';

const REPLY_REFUSED: Record<NonNullable<SendRow['replyRefused']>, string> = {
  missing: 'replyToId: no such message in this room',
  deleted: 'replyToId: that message is deleted',
};

const settle = <O>(result: Promise<O>): Promise<Settled<O>> =>
  result.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * ChatStore.sendMessage on PostgreSQL: the sends of a batch (postgres-send-batches.ts) go as one
 * statement (hot.sendBatch), which also checks and resolves their replies: a reply costs no
 * round trip of its own. A batch that breaks a constraint — a concurrent send of one of its
 * clientMsgIds, a file deleted meanwhile, an answered message gone meanwhile — is rolled back
 * whole and goes again one send at a time, so that only the send at fault fails, as if each had
 * been alone. A send refused for its room costs one read more, to tell a room that is gone from
 * an archived one.
 */
export class PostgresSends {
  private readonly batches: SendBatches<SendMessageInput, SentMessage>;

  constructor(
    private readonly pool: Queryable,
    /** For what a send reads besides its statement. */
    private readonly db: Q,
  ) {
    this.batches = new SendBatches((inputs) => this.store(inputs), (input) => `${input.authorId}:${input.clientMsgId}`, MAX_BATCH);
  }

  send(input: SendMessageInput): Promise<SentMessage> {
    return this.batches.submit(input);
  }

  private async store(inputs: SendMessageInput[]): Promise<Settled<SentMessage>[]> {
    const files = inputs.flatMap((input, i) => [...new Set(input.attachmentIds ?? [])].map((id) => [i + 1, num(id)] as const));
    let rows: SendRow[];
    try {
      rows = await hot.sendBatch(
        this.pool,
        inputs.map((input) => num(input.roomId)),
        inputs.map((input) => num(input.authorId)),
        inputs.map((input) => input.body),
        inputs.map((input) => input.clientMsgId),
        inputs.map((input) => input.now),
        inputs.map((input) => (input.replyToId ? num(input.replyToId) : null)),
        files.map(([of]) => of),
        files.map(([, id]) => id),
      );
    } catch (err) {
      const [only] = inputs;
      if (only && inputs.length === 1 && isSentConcurrently(err)) return [await settle(this.earlier(only))];
      if (inputs.length === 1 || !isConstraintViolation(err)) throw err;
      const results: Settled<SentMessage>[] = [];
      for (const input of inputs) {
        const alone = await this.store([input]).catch((error: unknown) => [{ ok: false as const, error }]);
        results.push(...alone);
      }
      return results;
    }
    return Promise.all(rows.map((row, i) => settle(this.outcome(inputs[i] as SendMessageInput, row))));
  }

  private async outcome(input: SendMessageInput, row: SendRow): Promise<SentMessage> {
    if (row.earlierId !== null) return this.earlier(input);
    if (!row.filesOwned) throw new DomainError('BAD_REQUEST', 'attachmentIds: only files you uploaded can be attached');
    if (row.replyRefused) throw new DomainError('BAD_REQUEST', REPLY_REFUSED[row.replyRefused]);
    if (!row.stored) throw await roomRefusal(this.db, num(input.roomId));
    const { author, attachments, replyTo } = row.stored;
    // A new message has no replies, reactions or pin yet: only its quote is to show.
    const extras = replyTo ? { ...NO_EXTRAS, replyTo: toReplyQuote(replyTo, toUser(replyTo.author)) } : NO_EXTRAS;
    const message = toMessage(row.stored, toUser(author), attachments.map(toAttachment), extras);
    return { message, event: { roomId: message.roomId, seq: message.seq, payload: { type: 'created', message } } };
  }

  /** A repeated send: the first message, and no event. */
  private async earlier(input: SendMessageInput): Promise<SentMessage> {
    const first = await messageWhere(this.db, and(eq(messages.authorId, num(input.authorId)), eq(messages.clientMsgId, input.clientMsgId)));
    if (!first) throw new Error('a message stored by an earlier send has vanished');
    return { message: first, event: null };
  }
}
