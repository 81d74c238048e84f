/** The calendar day a moment falls on, in local time: equal strings for the same day. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
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

/** A short date and time ("Mar 5, 3:04 PM"), with the year only when it is not this one. */
export function dateTimeLabel(iso: string, now: Date): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  const day = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
  return `${day}, ${timeLabel(iso)}`;
}

// English whatever the browser's language: the sentence around the phrase is English.
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago: "just now", "5 minutes ago", "yesterday", "3 days ago"; from a week back, the date. */
export function timeAgo(iso: string, now: Date): string {
  // A server clock a little ahead of this one must not read as the future.
  const elapsed = Math.max(0, now.getTime() - Date.parse(iso));
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relativeFormat.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relativeFormat.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relativeFormat.format(-Math.floor(elapsed / DAY), 'day');
  return dateTimeLabel(iso, now);
}

/** The whole date and time, for the hover on a message's time. */
export function fullDateLabel(iso: string): string {
  return fullDateFormat.format(new Date(iso));
}
