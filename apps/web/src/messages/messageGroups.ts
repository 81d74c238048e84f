import { localDay } from '../lib/timeLabels.ts';

/** Consecutive messages from one author within this gap share one header. */
const GROUP_GAP_MS = 5 * 60_000;

interface Stamped {
  authorId: string;
  createdAt: string;
}

export function isNewDay(prev: Stamped | undefined, current: Stamped): boolean {
  return prev === undefined || localDay(new Date(prev.createdAt)) !== localDay(new Date(current.createdAt));
}

/** Whether `current` shows its author's name and avatar rather than continuing the group above it. */
export function startsGroup(prev: Stamped | undefined, current: Stamped): boolean {
  if (prev === undefined || prev.authorId !== current.authorId || isNewDay(prev, current)) return true;
  return Date.parse(current.createdAt) - Date.parse(prev.createdAt) > GROUP_GAP_MS;
}
