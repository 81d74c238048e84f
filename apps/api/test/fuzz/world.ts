import { connectHttp, roomByName, type TestServer } from '../harness.ts';
import type { Credentials } from './callers.ts';
import type { Examples } from './schema-arbitrary.ts';

/** What the fuzzer works with on a seeded server. */
export interface World {
  member: Credentials & { id: string; token: string };
  /** Strings that name real rows (room, message, user and file ids, usernames, cursors), by the field they go in. */
  real: Examples['real'];
  /**
   * Puts the member back into their rooms, the lab as its admin and unarchived: a fuzzed
   * `room.leave` or `room.setArchived` would otherwise turn every later call there into a refusal.
   */
  restore(memberToken: string): Promise<void>;
}

const PASSWORD = 'correct horse battery';

async function upload(server: TestServer, token: string, name: string, text: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([text]), name);
  const res = await fetch(`${server.url}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`seeding: upload answered ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A member (the fuzzer signs in as them) and someone else, with what the member may touch —
 * General, a room they are an admin of, a DM, their messages and files — and what they may not:
 * the other's private room, message and file; one message edited, one deleted, one with a file.
 * A keeper signs up first, so the server admin, and owns the member's room: the fuzzer may
 * rename, archive and clear it, but not delete it nor any account.
 */
export async function seedWorld(server: TestServer): Promise<World> {
  const anonymous = connectHttp(server);
  const keeper = await anonymous.auth.register.mutate({ username: 'fuzz.keeper', password: PASSWORD });
  const member = await anonymous.auth.register.mutate({ username: 'fuzz_member', password: PASSWORD, displayName: 'Fuzz Member' });
  const other = await anonymous.auth.register.mutate({ username: 'fuzz.other', password: PASSWORD });
  const asKeeper = connectHttp(server, keeper.token);
  const asMember = connectHttp(server, member.token);
  const asOther = connectHttp(server, other.token);

  const general = await roomByName(asMember, 'General');
  await asOther.room.join.mutate({ roomId: general.id });
  const lab = await asKeeper.room.create.mutate({ name: 'Fuzz lab', topic: 'where the fuzzer plays' });
  /** The member is in the lab as its admin, and it takes messages. */
  const labAsBefore = async () => {
    // Unarchived first: an archived room takes no role changes.
    await asKeeper.room.setArchived.mutate({ roomId: lab.id, archived: false });
    await asKeeper.room.invite.mutate({ roomId: lab.id, userId: member.user.id });
    await asKeeper.room.setRole.mutate({ roomId: lab.id, userId: member.user.id, role: 'admin' });
  };
  await labAsBefore();
  const secret = await asOther.room.create.mutate({ name: 'Not for the fuzzer', kind: 'private' });
  const dm = await asMember.dm.open.mutate({ userId: other.user.id });

  const file = await upload(server, member.token, 'notes.txt', 'attached notes');
  const looseFile = await upload(server, member.token, 'loose.txt', 'never attached');
  const othersFile = await upload(server, other.token, 'theirs.txt', 'not yours');

  const send = (as: typeof asMember, roomId: string, body: string, attachmentIds?: string[]) =>
    as.message.send.mutate({ roomId, body, clientMsgId: `seed-${roomId}-${body}`, attachmentIds });
  const messages = [
    await send(asMember, general.id, 'hello from the fuzzer', [file]),
    await send(asOther, general.id, 'hello back'),
    await send(asMember, lab.id, 'first in the lab'),
    await send(asMember, lab.id, 'to be edited'),
    await send(asMember, lab.id, 'to be deleted'),
    await send(asOther, secret.id, 'private words'),
    await send(asMember, dm.id, 'psst'),
  ];
  await asMember.message.edit.mutate({ messageId: messages[3]!.id, body: 'edited once' });
  await asMember.message.delete.mutate({ messageId: messages[4]!.id });
  await asMember.message.markRead.mutate({ roomId: general.id, messageId: messages[1]!.id });

  const rooms = [general, lab, secret, dm].map((room) => room.id);
  const messageIds = messages.map((m) => m.id);
  const users = [member.user.id, other.user.id];
  const files = [file, looseFile, othersFile];
  // Event ids and cursors count in a room's sequence.
  const seqs = ['0', ...messages.map((m) => String(m.seq))];
  const byField: Record<string, readonly string[]> = {
    roomId: rooms,
    messageId: messageIds,
    around: messageIds,
    userId: users,
    attachmentIds: files,
    fileId: files,
    userIds: users,
    lastEventId: seqs,
    before: seqs,
    after: seqs,
    username: [member.user.username, other.user.username],
    password: [PASSWORD],
    // Never the right one: a fuzzed password change would lock the member out of the next runs.
    currentPassword: ['not the password'],
  };
  const everything = [...new Set([...Object.values(byField).flat(), ...messages.flatMap((m) => [m.body, m.clientMsgId]), 'General', 'hello'])];
  return {
    member: { id: member.user.id, username: member.user.username, password: PASSWORD, token: member.token },
    real: (field) => (field === undefined ? undefined : byField[field]) ?? everything,
    async restore(memberToken) {
      const client = connectHttp(server, memberToken);
      await Promise.all([client.room.join.mutate({ roomId: general.id }), labAsBefore(), client.dm.open.mutate({ userId: other.user.id })]);
    },
  };
}
