import type { User } from '@chat/api-types';

/** Dark enough for white initials to pass WCAG AA (4.5:1) on every one. */
const palette = [
  'bg-rose-600',
  'bg-orange-700',
  'bg-amber-700',
  'bg-emerald-700',
  'bg-teal-700',
  'bg-sky-700',
  'bg-indigo-600',
  'bg-violet-600',
  'bg-fuchsia-700',
];

/** A stable colour per user, so people are recognisable at a glance without pictures. */
export function avatarColour(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length] ?? 'bg-slate-600';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase();
}

export function Avatar({ user, size = 'md' }: { user: User; size?: 'sm' | 'md' }) {
  const dimensions = size === 'sm' ? 'size-7 text-[0.65rem]' : 'size-9 text-xs';
  return (
    <span
      aria-hidden="true"
      className={`${dimensions} ${avatarColour(user.id)} inline-flex shrink-0 items-center justify-center rounded-lg font-semibold text-white select-none`}
    >
      {initials(user.displayName)}
    </span>
  );
}
