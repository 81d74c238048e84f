import type { User } from '@chat/api-types';

const palette = [
  'bg-rose-500',
  'bg-orange-500',
  'bg-amber-500',
  'bg-emerald-500',
  'bg-teal-500',
  'bg-sky-500',
  'bg-indigo-500',
  'bg-violet-500',
  'bg-fuchsia-500',
];

/** A stable colour per user, so people are recognisable at a glance without pictures. */
function colour(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length] ?? 'bg-slate-500';
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase();
}

export function Avatar({ user, size = 'md' }: { user: User; size?: 'sm' | 'md' }) {
  const dimensions = size === 'sm' ? 'size-7 text-[0.65rem]' : 'size-9 text-xs';
  return (
    <span
      aria-hidden="true"
      className={`${dimensions} ${colour(user.id)} inline-flex shrink-0 items-center justify-center rounded-lg font-semibold text-white select-none`}
    >
      {initials(user.displayName)}
    </span>
  );
}
