import type { User } from '@chat/api-types';
import { useState } from 'react';
import { useProfile } from '../profiles/useProfile.ts';

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

const sizes = {
  xs: 'size-5 rounded-md text-[0.5rem]',
  sm: 'size-7 rounded-lg text-[0.65rem]',
  md: 'size-9 rounded-lg text-xs',
  lg: 'size-24 rounded-2xl text-3xl',
};

/**
 * A user's picture, or their initials until they choose one (and when it does not load). Always
 * beside their name, so it is decorative: screen readers hear the name once.
 */
export function Avatar({ user, size = 'md' }: { user: User; size?: keyof typeof sizes }) {
  const avatar = useProfile(user.id).data?.avatar;
  // The 64-pixel picture is sharp at 2x up to 32 CSS pixels; the large one, at 256, for anything bigger.
  const src = avatar && (size === 'lg' ? avatar.large : avatar.small);
  // Per address: a new picture gets its own try.
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <span
      aria-hidden="true"
      className={`${sizes[size]} ${avatarColour(user.id)} inline-flex shrink-0 items-center justify-center overflow-hidden font-semibold text-white select-none`}
    >
      {src && src !== failed ? <img src={src} alt="" className="size-full object-cover" onError={() => setFailed(src)} /> : initials(user.displayName)}
    </span>
  );
}
