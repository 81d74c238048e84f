import type { Message, Room } from '@chat/api-types';
import { useId } from 'react';
import { useMe } from '../auth/meContext.ts';
import { messageText } from '../files/messageText.ts';
import { errorMessage } from '../lib/errors.ts';
import { dateTimeLabel } from '../lib/timeLabels.ts';
import { MarkdownPreview } from '../markdown/Markdown.tsx';
import { openRoom } from '../route/roomRoute.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button, muted } from '../ui/styles.ts';

interface Props {
  room: Room;
  /** Whether I may unpin here: a member, and the room is not archived. */
  canUnpin: boolean;
  onClose(): void;
}

/** The room's pinned messages, the latest pin first; each opens the room at itself. Kept live by the room's events. */
export function PinnedDialog({ room, canUnpin, onClose }: Props) {
  const pins = trpc.message.pins.useQuery({ roomId: room.id });
  const unpin = trpc.message.unpin.useMutation();
  const jump = (message: Message) => {
    openRoom(room.id, message.id);
    onClose();
  };
  return (
    <Dialog title="Pinned messages" description={room.kind === 'direct' ? `In your conversation with ${room.name}.` : `In #${room.name}.`} onClose={onClose}>
      {pins.isPending && <p className={`${muted} text-sm`}>Loading…</p>}
      <FormError message={pins.error ? errorMessage(pins.error) : unpin.error ? errorMessage(unpin.error) : null} />
      {pins.data?.length === 0 && <p className={`${muted} py-6 text-center text-sm`}>Nothing is pinned here yet. Pin a message from its actions.</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {pins.data?.map((message) => (
          <PinnedItem
            key={message.id}
            message={message}
            canUnpin={canUnpin}
            unpinning={unpin.isPending && unpin.variables.messageId === message.id}
            onJump={() => jump(message)}
            onUnpin={() => unpin.mutate({ messageId: message.id })}
          />
        ))}
      </ul>
    </Dialog>
  );
}

interface ItemProps {
  message: Message;
  canUnpin: boolean;
  unpinning: boolean;
  onJump(): void;
  onUnpin(): void;
}

function PinnedItem({ message, canUnpin, unpinning, onJump, onUnpin }: ItemProps) {
  const me = useMe();
  const textId = useId();
  return (
    <li className="py-3">
      <p className="flex items-baseline gap-2 text-sm">
        <span className="font-semibold">{message.author.displayName}</span>
        <time dateTime={message.createdAt} className={`${muted} text-xs`}>
          {dateTimeLabel(message.createdAt, new Date())}
        </time>
      </p>
      <p id={textId} className="mt-0.5 line-clamp-3 text-sm break-words">
        <MarkdownPreview text={messageText(message)} myUsername={me.username} />
      </p>
      {message.pinned && <p className={`${muted} mt-0.5 text-xs`}>Pinned by {message.pinned.by.displayName}</p>}
      <div className="mt-2 flex gap-2">
        {/* The buttons of every item share their names: each is described by its message. */}
        <button type="button" className={button.secondarySmall} aria-describedby={textId} onClick={onJump}>
          Jump to message
        </button>
        {canUnpin && (
          <button type="button" className={button.ghost} aria-describedby={textId} disabled={unpinning} onClick={onUnpin}>
            Unpin
          </button>
        )}
      </div>
    </li>
  );
}
