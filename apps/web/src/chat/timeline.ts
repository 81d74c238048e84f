/** Consecutive messages from one author within this gap share one header. */
const GROUP_GAP_MS = 5 * 60_000;

interface Stamped {
  authorId: string;
  createdAt: string;
}

function localDay(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

export function isNewDay(prev: Stamped | undefined, current: Stamped): boolean {
  return prev === undefined || localDay(new Date(prev.createdAt)) !== localDay(new Date(current.createdAt));
}

/** Whether `current` shows its author's name and avatar rather than continuing the group above it. */
export function startsGroup(prev: Stamped | undefined, current: Stamped): boolean {
  if (prev === undefined || prev.authorId !== current.authorId || isNewDay(prev, current)) return true;
  return Date.parse(current.createdAt) - Date.parse(prev.createdAt) > GROUP_GAP_MS;
}

export function dayLabel(iso: string, now: Date): string {
  const date = new Date(iso);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (localDay(date) === localDay(now)) return 'Today';
  if (localDay(date) === localDay(yesterday)) return 'Yesterday';
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

// Made once: toLocaleString builds a new formatter on every call, and every drawn row asks twice.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function timeLabel(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** The whole date and time, for the hover on a message's time. */
export function fullDateLabel(iso: string): string {
  return fullDateFormat.format(new Date(iso));
}
