import type { Message } from '@chat/api-types';

/** A message as one line of text, for announcements and notifications: a files-only message says what it shares. */
export function messageText(message: Pick<Message, 'body' | 'attachments'>): string {
  if (message.body.trim() || message.attachments.length === 0) return message.body;
  const [only] = message.attachments;
  return message.attachments.length === 1 && only ? `shared ${only.name}` : `shared ${message.attachments.length} files`;
}
