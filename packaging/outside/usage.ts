// An outside developer's program: copied into a project that has nothing but the packed
// tarballs and TypeScript, type-checked there with tsc, compiled and run with plain node.
// (In the repository it is type-checked against the SDK's source too.)
import { createChatClient, isChatError, type ChatErrorCode, type RoomEvent, type RouterInputs, type RouterOutputs } from '@chat/client';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error('timed out');
};

export async function main(url: string): Promise<Record<string, unknown>> {
  const chat = createChatClient({ url, userAgent: 'outside/1.0' });
  const { user } = await chat.register({ username: `outside${Date.now() % 1e9}`, password: 'correct horse battery' });
  const rooms: RouterOutputs['room']['list'] = await chat.api.room.list.query();
  const general = rooms.find((r) => r.name === 'General');
  if (!general) throw new Error('no General');

  // Follow with a cursor, as a bot that persists it would.
  const seen: RoomEvent[] = [];
  let cursor: string | null = null;
  const following = chat.follow(general.id, (event) => void seen.push(event), { onCursor: (c) => void (cursor = c) });
  await new Promise((r) => setTimeout(r, 200));
  const sent = await chat.send(general.id, 'hello from outside the repository');
  await until(() => seen.length === 1);
  following.stop();

  // "Restarted": a second client resumes after the stored cursor, missing nothing sent meanwhile.
  await chat.send(general.id, 'sent while nobody followed');
  const again = createChatClient({ url, token: chat.token });
  const resumed: string[] = [];
  const second = again.follow(general.id, (event) => void resumed.push(event.message.body), { since: cursor });
  await until(() => resumed.length === 1);
  second.stop();

  let error: { code: ChatErrorCode; field: string | null } | null = null;
  try {
    await chat.send('not-an-id', 'x');
  } catch (err) {
    if (isChatError(err)) error = { code: err.code, field: err.field };
  }
  const sessions = await chat.api.auth.sessions.query();
  await Promise.all([chat.close(), again.close()]);
  return {
    user: user.username,
    sent: sent.body,
    followed: seen.map((e) => `${e.type}: ${e.message.body}`),
    cursor,
    resumed,
    error,
    device: sessions[0]?.device,
  };
}

/** Never called: each @ts-expect-error must meet a type error, or tsc fails (TS2578). */
export async function misuses(url: string): Promise<void> {
  const chat = createChatClient({ url });
  // @ts-expect-error roomId is a string id, not a number
  await chat.api.message.send.mutate({ roomId: 1, body: 'hi', clientMsgId: 'a' });
  // @ts-expect-error clientMsgId is required
  await chat.api.message.send.mutate({ roomId: '1', body: 'hi' });
  // @ts-expect-error there is no such procedure
  await chat.api.message.shout.mutate({ roomId: '1' });
  // @ts-expect-error there is no such router
  await chat.api.channels.list.query();
  // @ts-expect-error queries are not mutations
  await chat.api.room.list.mutate();
  const page = await chat.api.message.history.query({ roomId: '1' });
  // @ts-expect-error messages carry a body, not a text
  console.log(page.messages[0]?.text);
  // @ts-expect-error nextCursor may be null and must be checked first
  console.log(page.nextCursor.length);
  // @ts-expect-error register needs a password
  const input: RouterInputs['auth']['register'] = { username: 'ana' };
  // @ts-expect-error a room's kind is 'public' | 'private' | 'direct'
  const kind: RouterOutputs['room']['list'][number]['kind'] = 'secret';
  // @ts-expect-error send takes the body as a string
  await chat.send('1', { body: 'hi' });
  chat.follow('1', (event) => {
    // @ts-expect-error event types are the contract's (created, updated, deleted, reacted, …), not "edited"
    if (event.type === 'edited') return;
  });
  // @ts-expect-error error codes are the server's, not HTTP statuses
  const code: ChatErrorCode = 404;
  console.log(input, kind, code);
}
