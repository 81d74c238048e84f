import type { Message } from '@chat/api-types';
import { localDay } from '../lib/timeLabels.ts';

/** Consecutive messages from one author within this gap share one header. */
const GROUP_GAP_MS = 5 * 60_000;

interface Stamped {
  authorId: string;
  createdAt: string;
}

export const stamp = (m: { author: { id: string }; createdAt: string }): Stamped => ({ authorId: m.author.id, createdAt: m.createdAt });

export function isNewDay(prev: Stamped | undefined, current: Stamped): boolean {
  return prev === undefined || localDay(new Date(prev.createdAt)) !== localDay(new Date(current.createdAt));
}

/** Whether `current` shows its author's name and avatar rather than continuing the group above it. */
export function startsGroup(prev: Stamped | undefined, current: Stamped): boolean {
  if (prev === undefined || prev.authorId !== current.authorId || isNewDay(prev, current)) return true;
  return Date.parse(current.createdAt) - Date.parse(prev.createdAt) > GROUP_GAP_MS;
}

/**
 * Whether a message shows its author's name and avatar: at the start of a group, and over the
 * quote of a reply, which begins an exchange of its own (not over a reply to the thread's first
 * message, in that thread's panel, where the quote is left out). A notice is a line of its own
 * with no header, so whatever follows one starts afresh.
 */
export function showsHeader(prev: Message | undefined, message: Message, threadRootId: string | null): boolean {
  const quotes = message.replyTo !== null && message.replyTo.id !== threadRootId;
  return quotes || prev?.notice != null || startsGroup(prev && stamp(prev), stamp(message));
}
