import type { Message, ReplyQuote } from '@chat/api-types';

/** Characters of the answered message a reply shows, as the server cuts them. */
const EXCERPT_LENGTH = 200;

/** What a reply shows of `message`, as the server would quote it now. */
export function quoteOf(message: Message): ReplyQuote {
  // By code point, as the server counts: an emoji is never cut in half.
  const excerpt = message.deleted ? '' : [...message.body].slice(0, EXCERPT_LENGTH).join('');
  return { id: message.id, author: message.author, excerpt, deleted: message.deleted };
}

/**
 * The quote a reply shows: the answered message as it is now when it is loaded (edited or deleted
 * since the reply was read; no event says so for the reply), else the quote the reply came with.
 */
export function currentQuote(quote: ReplyQuote, answered: Message | undefined): ReplyQuote {
  return answered ? quoteOf(answered) : quote;
}

/** How many replies a thread has, as its first message links to them. */
export const repliesLabel = (count: number): string => (count === 1 ? '1 reply' : `${count} replies`);
