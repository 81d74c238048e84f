import type { Message, RoomEvent } from '@chat/api-types';

/**
 * A room's pinned messages (the latest pin first, as `message.pins` lists them) after one of its
 * events: a pin puts the message first, an unpin or a deletion takes it out, and any other change
 * to a pinned message (an edit, a reaction) is shown in the list too. Returns `pins` itself when
 * the event changes nothing in it.
 */
export function applyToPins(pins: Message[], event: RoomEvent): Message[] {
  const { message } = event;
  const index = pins.findIndex((m) => m.id === message.id);
  if (event.type === 'pinned' && message.pinned) return [message, ...pins.filter((m) => m.id !== message.id)];
  if (index === -1) return pins;
  if (!message.pinned) return pins.filter((m) => m.id !== message.id);
  return pins.map((m, i) => (i === index ? message : m));
}
