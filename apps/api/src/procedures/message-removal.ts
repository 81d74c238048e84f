import type { Message } from '@chat/api-types';
import type { App } from '../app.ts';
import { removeBlobs } from '../files/file-gc.ts';
import { DomainError } from '../storage/errors.ts';
import { publish } from './publish.ts';

/**
 * A message as found, to be edited or deleted: a notice is the room's record of a change, written
 * by the server, so not even the one who made the change edits or deletes it.
 */
export function changeableMessage(message: Message | null): Message {
  if (!message) throw new DomainError('NOT_FOUND', 'message not found');
  if (message.notice) throw new DomainError('BAD_REQUEST', 'messageId: a notice of a change to the room cannot be changed');
  return message;
}

/** Makes the message a tombstone, for its author or for whoever looks after its room; a tombstone stays one. */
export async function removeMessage(app: App, userId: string, current: Message): Promise<Message> {
  if (current.deleted) return current;
  await app.limits.consume('edit', userId);
  const { event, unusedBlobs } = await app.store.deleteMessage({ messageId: current.id, now: Date.now() });
  await publish(app, event);
  await removeBlobs(app, unusedBlobs);
  return event.payload.message;
}
