import type { Message, Room } from '@chat/api-types';
import { messageText } from '../files/messageText.ts';
import { roomHref } from '../route/roomRoute.ts';

const shown = new Set<string>();

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** Shows one message as a desktop notification, once per message even if it is delivered again. */
export function showNotification(message: Message, room: Room): void {
  if (!notificationsSupported() || Notification.permission !== 'granted' || shown.has(message.id)) return;
  shown.add(message.id);
  const title = room.kind === 'direct' ? message.author.displayName : `${message.author.displayName} in #${room.name}`;
  const notification = new Notification(title, { body: messageText(message).slice(0, 200), tag: `message-${message.id}` });
  notification.onclick = () => {
    window.focus();
    location.hash = roomHref(room.id, message.id);
    notification.close();
  };
}
