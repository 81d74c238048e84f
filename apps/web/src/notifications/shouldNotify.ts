import type { Room, RoomEvent, User } from '@chat/api-types';
import { mentionedUsernames } from '../markdown/remarkChatText.ts';

/** A replay after hours away is history, not news: no desktop notification for it. */
const FRESH_MS = 5 * 60_000;

/**
 * Direct messages, @mentions of me and replies to me, new and from someone else, while I am not
 * looking. Reactions and pins are not news: only a new message is.
 */
export function shouldNotify(event: RoomEvent, room: Room | undefined, me: User, tabHidden: boolean, now: number): boolean {
  const { message } = event;
  if (!tabHidden || event.type !== 'created' || !room || message.author.id === me.id || message.deleted) return false;
  if (now - Date.parse(message.createdAt) > FRESH_MS) return false;
  return room.kind === 'direct' || message.replyTo?.author.id === me.id || mentionedUsernames(message.body).has(me.username.toLowerCase());
}
