import type { Room } from '@chat/api-types';

/**
 * What a room settings form would change: each field that differs from the room once trimmed (as
 * the server keeps it), or null when none does and there is nothing to save.
 */
export function roomChanges(room: Pick<Room, 'name' | 'topic'>, edited: { name: string; topic: string }): { name?: string; topic?: string } | null {
  const name = edited.name.trim();
  const topic = edited.topic.trim();
  if (name === room.name && topic === room.topic) return null;
  return { ...(name === room.name ? {} : { name }), ...(topic === room.topic ? {} : { topic }) };
}
