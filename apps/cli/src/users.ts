import { ChatError, type ChatClient, type Room, type RouterOutputs, type User } from '@chat/client';

/** A username as accounts have it: without the @ one may write before it, in lower case. */
const asUsername = (given: string) => given.replace(/^@/, '').toLowerCase();

/** Anyone, by username, as every signed-in user may look them up. */
export async function findUser(client: ChatClient, username: string): Promise<User> {
  const wanted = asUsername(username);
  const user = (await client.api.user.search.query({ query: wanted })).find((u) => u.username === wanted);
  if (!user) throw new ChatError('NOT_FOUND', `no user named "${username}"`);
  return user;
}

/** A member of the room, by username. */
export async function findMember(client: ChatClient, room: Room, username: string): Promise<User> {
  const wanted = asUsername(username);
  const member = (await client.api.room.members.query({ roomId: room.id })).find((m) => m.user.username === wanted);
  if (!member) throw new ChatError('NOT_FOUND', `no member named "${username}" in ${room.name}`);
  return member.user;
}

/** An account, deactivated ones too, by username: for the server admin. */
export async function findAccount(client: ChatClient, username: string): Promise<RouterOutputs['admin']['users'][number]> {
  const wanted = asUsername(username);
  // As many as may be asked for: every account whose name merely contains this one comes too.
  const accounts = await client.api.admin.users.query({ query: wanted, limit: 200 });
  const account = accounts.find((a) => a.user.username === wanted);
  if (!account) throw new ChatError('NOT_FOUND', `no account named "${username}"`);
  return account;
}
