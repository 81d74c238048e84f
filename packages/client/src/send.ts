import type { Message } from '@chat/api-types';
import type { Api } from './api.ts';
import { toChatError } from './errors.ts';

export interface SendOptions {
  /** Reuse one id to make a retried send idempotent across program restarts too. */
  clientMsgId?: string;
  attachmentIds?: string[];
  /** The message this one answers (in the same room): the reply joins that message's thread. */
  replyToId?: string;
  /** How many times to try in all (default 5). */
  attempts?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a message, retrying what may succeed on a second try (no answer, rate limited). The
 * clientMsgId is fixed before the first try, so however many tries reach the server, the room
 * gets the message once.
 */
export async function send(api: Api, roomId: string, body: string, options: SendOptions = {}): Promise<Message> {
  const clientMsgId = options.clientMsgId ?? crypto.randomUUID();
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.message.send.mutate({ roomId, body, clientMsgId, attachmentIds: options.attachmentIds, replyToId: options.replyToId });
    } catch (err) {
      const error = toChatError(err);
      if (!error.retriable || attempt >= attempts) throw error;
      await wait(Math.min(200 * 2 ** (attempt - 1), 5_000));
    }
  }
}
