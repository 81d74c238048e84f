import type { Message } from '@chat/api-types';

/** A notice as one sentence: who made the change, then what the server wrote of it ("Ann renamed the room to “Lunch”"). */
export function noticeText(message: Pick<Message, 'author' | 'body'>): string {
  return `${message.author.displayName} ${message.body}`;
}
