import type { RouterInputs } from '@chat/api/router';
import type { OutboxEntry } from './outbox.ts';

export type SendInput = RouterInputs['message']['send'];

/** What is sent for an entry, each time it is tried: the same clientMsgId, files and answered message. */
export function sendInput({ roomId, body, clientMsgId, attachments, replyTo }: OutboxEntry): SendInput {
  return {
    roomId,
    body,
    clientMsgId,
    ...(attachments && { attachmentIds: attachments.map((a) => a.id) }),
    ...(replyTo && { replyToId: replyTo.id }),
  };
}
