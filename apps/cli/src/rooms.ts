import { ChatError, type ChatClient, type Room } from '@chat/client';

/** A room by id (digits) or by name, case-insensitively, among the rooms I can see. */
export async function findRoom(client: ChatClient, nameOrId: string): Promise<Room> {
  const rooms = await client.api.room.list.query();
  const wanted = nameOrId.replace(/^#/, '').toLowerCase();
  const room = rooms.find((r) => r.id === nameOrId) ?? rooms.find((r) => r.name.toLowerCase() === wanted);
  if (!room) throw new ChatError('NOT_FOUND', `no room named "${nameOrId}" (see: chat rooms)`);
  return room;
}
