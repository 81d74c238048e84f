import type { RoomEvent } from '@chat/api-types';

/** What version 1 of the contract calls each type: it knows sending, editing and deleting only. */
const SINCE_VERSION_2 = new Set<RoomEvent['type']>(['reacted', 'unreacted', 'pinned', 'unpinned']);

// One version 1 copy per event, shared by every subscriber: frames are serialized once per
// payload object (ws/direct-frames.ts).
const asVersion1 = new WeakMap<RoomEvent, RoomEvent>();

/**
 * The event as a client of `protocol` reads it. Version 1 clients (and those that say no
 * version: the public contract's) get a reaction or a pin as `updated`, with the message as it
 * is now: they show it right without knowing why it changed.
 */
export function eventForProtocol(event: RoomEvent, protocol: number): RoomEvent {
  if (protocol >= 2 || !SINCE_VERSION_2.has(event.type)) return event;
  let old = asVersion1.get(event);
  if (!old) asVersion1.set(event, (old = { type: 'updated', message: event.message }));
  return old;
}
