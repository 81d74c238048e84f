import { outcome, signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';

/** A member of a private room says something, leaves, then edits and deletes it: 'ok' or the error code of each. */
export async function editAfterLeaving(target: Target): Promise<{ edit: string; delete: string }> {
  const address = nextAddress();
  const owner = await signUp(target, address, 'owner');
  const member = await signUp(target, address, 'leaver');
  const room = await owner.http.room.create.mutate({ name: `private ${owner.user.username}`, kind: 'private' });
  await owner.http.room.invite.mutate({ roomId: room.id, userId: member.user.id });
  const said = await member.http.message.send.mutate({ roomId: room.id, body: 'said while a member', clientMsgId: 'leaver-1' });
  await member.http.room.leave.mutate({ roomId: room.id });
  const edit = await outcome(member.http.message.edit.mutate({ messageId: said.id, body: 'rewritten from outside' }));
  return { edit, delete: await outcome(member.http.message.delete.mutate({ messageId: said.id })) };
}
