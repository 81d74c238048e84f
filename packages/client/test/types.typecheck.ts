/**
 * Compiled by `npm run typecheck`, never run: each @ts-expect-error must meet a type error,
 * so a change to the router that would break clients breaks this build first.
 */
import { createChatClient } from '../src/node.ts';

const chat = createChatClient({ url: 'http://localhost:3000' });

export async function misuses(): Promise<void> {
  // @ts-expect-error roomId is a string id, not a number
  await chat.api.message.send.mutate({ roomId: 1, body: 'hi', clientMsgId: 'a' });
  // @ts-expect-error clientMsgId is required
  await chat.api.message.send.mutate({ roomId: '1', body: 'hi' });
  // @ts-expect-error there is no such procedure
  await chat.api.message.shout.mutate({ roomId: '1' });
  // @ts-expect-error queries are not mutations
  await chat.api.room.list.mutate();
  const page = await chat.api.message.history.query({ roomId: '1' });
  // @ts-expect-error messages carry a body, not a text
  console.log(page.messages[0]?.text);
  // @ts-expect-error nextCursor may be null and must be checked first
  console.log(page.nextCursor.length);
  const rooms = await chat.api.room.list.query();
  // @ts-expect-error kind is 'public' | 'private' | 'direct'
  if (rooms[0]?.kind === 'secret') return;
  // @ts-expect-error send takes the body as a string
  await chat.send('1', { body: 'hi' });
  chat.follow('1', (event) => {
    // @ts-expect-error event types are created | updated | deleted
    if (event.type === 'edited') return;
  });
}
