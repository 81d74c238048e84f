import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import type { Target } from '../target.ts';
import { sleep, waitUntil } from '../time.ts';
import { download, upload } from '../uploads.ts';
import { WsRecorder } from '../ws-recorder.ts';

export const SECRETS = ['hunter2', '078-05-1120'];

export interface DeletedOutcome {
  /** The replay from event 0 as it came over the wire, and the secrets found anywhere in it. */
  replayFrames: number;
  secretsInReplay: string[];
  /** Hits of `message.search` for each secret (by its start, "078-05", for the SSN). */
  searchHits: Record<string, number>;
  /** GET of the deleted message's attachment by its own uploader. */
  attachmentStatus: number | null;
}

/**
 * A password sent and edited away; an SSN sent with an attachment and deleted. Afterwards
 * neither may be anywhere a client can read: a replay from the first event, search, the file.
 */
export async function deletedMeansDeleted(target: Target): Promise<DeletedOutcome> {
  const account = await signUp(target, nextAddress(), 'oops');
  const { http } = account;
  const room = await http.room.create.mutate({ name: `oops ${account.user.username}`, kind: 'private' });
  const password = await http.message.send.mutate({ roomId: room.id, body: `my password is ${SECRETS[0]}`, clientMsgId: 'oops-1' });
  await http.message.edit.mutate({ messageId: password.id, body: 'fixed' });
  const file = await upload(target, account, { name: 'ssn.txt', content: Buffer.from(`SSN ${SECRETS[1]}\n`) });
  const attachmentId = String(file.json.id);
  const ssn = await http.message.send.mutate({ roomId: room.id, body: `SSN ${SECRETS[1]}`, clientMsgId: 'oops-2', attachmentIds: [attachmentId] });
  await http.message.delete.mutate({ messageId: ssn.id });

  const socket = new WsRecorder(target, { address: account.address, token: account.token });
  let frames: string[];
  try {
    await socket.opened;
    socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'message.onEvent', input: { roomId: room.id }, lastEventId: '0' } }));
    await waitUntil(() => socket.frames.some((frame) => frame.includes('"deleted"')), 5000);
    // Anything the replay would still send after the last event.
    await sleep(300);
    frames = [...socket.frames];
  } finally {
    await socket.close();
  }
  const searchHits = Object.fromEntries(
    await Promise.all(['hunter2', '078-05'].map(async (query) => [query, (await http.message.search.query({ query })).length] as const)),
  );
  const attachment = await download(target, account, attachmentId);
  return {
    replayFrames: frames.length,
    secretsInReplay: SECRETS.filter((secret) => frames.some((frame) => frame.includes(secret))),
    searchHits,
    attachmentStatus: attachment.status,
  };
}
