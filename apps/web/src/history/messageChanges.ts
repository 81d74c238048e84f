import type { Message } from '@chat/api-types';

/**
 * How far a message has moved on: a tombstone is final, and a later edit beats an earlier one.
 * Lets late echoes (the send mutation's answer after an `updated` event, a page read before an
 * edit) lose. Reactions and pins leave it as it is: only the order they came in tells them apart.
 */
export function version(message: Message): number {
  if (message.deleted) return Number.POSITIVE_INFINITY;
  return message.editedAt ? Date.parse(message.editedAt) : 0;
}

/**
 * Whether `next` replaces `current`: a newer version does, and an equal one when `winsTie`, that
 * is when `next` is known to be the later copy (an event, which arrives in its room's order).
 */
export function supersedes(next: Message, current: Message, winsTie: boolean): boolean {
  const [a, b] = [version(next), version(current)];
  return a > b || (a === b && winsTie);
}

const isLiveReply = (message: Message | undefined) => message !== undefined && message.threadRootId !== null && !message.deleted;

/**
 * How a message going from `previous` (undefined: not held before) to `next` changes its thread's
 * reply count: one more for a new reply, one less for a deleted one. No event says so for the
 * thread's first message, whose count would otherwise stay as it was read.
 */
export function replyCountChange(previous: Message | undefined, next: Message): number {
  return Number(isLiveReply(next)) - Number(isLiveReply(previous));
}

export function withReplyCount(root: Message, change: number): Message {
  return { ...root, replyCount: Math.max(0, root.replyCount + change) };
}
