import type { Room, RoomEvent } from '@chat/api-types';

/** How a room went from under me. */
export type RoomLoss = 'removed' | 'left' | 'deleted';

/**
 * What the end of a room's stream means. NOT_FOUND: the room was deleted. FORBIDDEN, with which
 * only a private room's stream ends: I am no longer a member, removed when the stream told of my
 * removal just before, else left (from another tab or device). Anything else (a dropped socket,
 * an ended session) is not the room's doing: null.
 */
export function roomLoss(code: string | undefined, removalSeen: boolean): RoomLoss | null {
  if (code === 'NOT_FOUND') return 'deleted';
  if (code === 'FORBIDDEN') return removalSeen ? 'removed' : 'left';
  return null;
}

/** Whether the event is the notice of my removal from its room. */
export function removesMe(event: RoomEvent, myId: string): boolean {
  const notice = event.message.notice;
  return event.type === 'created' && notice?.kind === 'member-removed' && notice.user.id === myId;
}

export function roomLossText(room: Pick<Room, 'name'>, loss: RoomLoss): string {
  switch (loss) {
    case 'removed':
      return `You were removed from #${room.name}`;
    case 'left':
      return `You left #${room.name}`;
    case 'deleted':
      return `#${room.name} was deleted`;
  }
}
