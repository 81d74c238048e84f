import type { Message, Room, RoomEvent, User } from '@chat/api-types';
import { mentionedUsernames } from '../markdown/remarkChatText.ts';

/** A replay after hours away is history, not news: no desktop notification for it. */
const FRESH_MS = 5 * 60_000;

/** A message that mentions me (@username) or replies to one of mine. */
function isForMe(message: Message, me: User): boolean {
  return message.replyTo?.author.id === me.id || mentionedUsernames(message.body).has(me.username.toLowerCase());
}

/**
 * A new message from someone else, while I am not looking, as the room's notification level
 * asks: every one, or only those meant for me. Muted means nothing at all, a mention included,
 * as in Slack: whoever mutes a room has said they will look when they choose; it still counts
 * as unread (quietly). Reactions and pins are not news: only a new message is.
 */
export function shouldNotify(event: RoomEvent, room: Room | undefined, me: User, tabHidden: boolean, now: number): boolean {
  const { message } = event;
  if (!tabHidden || event.type !== 'created' || !room || message.author.id === me.id || message.deleted) return false;
  if (now - Date.parse(message.createdAt) > FRESH_MS) return false;
  switch (room.notificationLevel) {
    case 'all':
      return true;
    case 'mentions':
      return isForMe(message, me);
    case 'muted':
      return false;
  }
}
