import type { User } from '@chat/api-types';
import { Popover } from 'radix-ui';
import { useId, useState, type ReactElement } from 'react';
import { useMe } from '../auth/meContext.ts';
import { errorMessage } from '../lib/errors.ts';
import { useProfile } from '../profiles/useProfile.ts';
import { settingsHref } from '../route/settingsRoute.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Badge } from '../ui/Badge.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button, muted } from '../ui/styles.ts';
import { useOpenDirectRoom } from './useOpenDirectRoom.ts';

interface Props {
  user: User;
  /** Given when something besides the trigger opens it too (the avatar beside an author's name). */
  open?: boolean;
  onOpenChange?(open: boolean): void;
  /** The button that opens it, and gets focus back when it closes. */
  children: ReactElement;
}

/**
 * Someone's card, opened from their name: their picture, name, status and a way to write to
 * them. Focus moves in; Escape or a click outside closes it.
 */
export function ProfilePopover({ user, open, onOpenChange, children }: Props) {
  const titleId = useId();
  const [openHere, setOpenHere] = useState(false);
  const change = onOpenChange ?? setOpenHere;
  return (
    <Popover.Root open={open ?? openHere} onOpenChange={change}>
      <Popover.Trigger asChild>{children}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-labelledby={titleId}
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 w-[min(18rem,calc(100vw-1rem))] rounded-2xl bg-white p-5 text-slate-900 shadow-xl ring-1 ring-slate-900/10 focus:outline-none dark:bg-slate-800 dark:text-slate-100 dark:ring-white/10"
        >
          <ProfileCard user={user} titleId={titleId} onDone={() => change(false)} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function ProfileCard({ user, titleId, onDone }: { user: User; titleId: string; onDone(): void }) {
  const me = useMe();
  const profile = useProfile(user.id).data;
  // The profile is read now; the name the opener had may be older.
  const shown = profile?.user ?? user;
  // Already in that conversation, the room does not change: the card closes all the same.
  const message = useOpenDirectRoom(onDone);
  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <Avatar user={shown} size="lg" />
      <div className="min-w-0 max-w-full">
        <h2 id={titleId} className="flex items-center justify-center gap-2 text-lg font-semibold break-words">
          {shown.displayName}
          {profile?.deactivated && <Badge tone="red">Deactivated</Badge>}
        </h2>
        <p className={`${muted} text-sm`}>@{shown.username}</p>
      </div>
      {profile?.status && <p className="max-w-full text-sm break-words">{profile.status}</p>}
      {shown.id === me.id ? (
        <a href={settingsHref} className={`${button.secondary} w-full`}>
          Edit profile
        </a>
      ) : (
        <button type="button" className={`${button.primary} w-full`} disabled={message.isPending} onClick={() => message.mutate({ userId: shown.id })}>
          {message.isPending ? 'Opening…' : 'Send message'}
        </button>
      )}
      <FormError message={message.error && errorMessage(message.error)} />
    </div>
  );
}
