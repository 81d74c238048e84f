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
  // @ts-expect-error replyToId is a message's string id
  await chat.send('1', 'hi', { replyToId: 2 });
  chat.follow('1', (event) => {
    // @ts-expect-error there is no such event type
    if (event.type === 'edited') return;
    // @ts-expect-error only reactions and pins say who made them: check the type first
    console.log(event.by.displayName);
    // @ts-expect-error a pin has no emoji
    if (event.type === 'pinned') console.log(event.emoji);
    if (event.type === 'reacted') console.log(event.by.displayName, event.emoji, event.message.reactions[0]?.count);
  });
  // @ts-expect-error reacting takes one emoji as a string, not a list
  await chat.api.message.react.mutate({ messageId: '1', emoji: ['👍'] });
  const thread = await chat.api.message.thread.query({ messageId: '1' });
  // @ts-expect-error a reply's quote may be null and must be checked first
  console.log(thread.replies[0]?.replyTo.excerpt);
  const [profile] = await chat.api.user.profiles.query({ userIds: ['1'] });
  // @ts-expect-error a profile's picture may be null and must be checked first
  console.log(profile?.avatar.small);
  // @ts-expect-error a picture is an uploaded file's id, or null to remove it
  await chat.api.user.setAvatar.mutate({});
  chat.api.user.onEvent.subscribe(undefined, {
    onData: (event) => {
      // @ts-expect-error only profile-changed names a user: check the type first
      console.log(event.userId);
      if (event.type === 'profile-changed') console.log(event.userId);
    },
  });
  // @ts-expect-error a notification level is 'all', 'mentions' or 'muted'
  await chat.api.room.setNotificationLevel.mutate({ roomId: '1', level: 'loud' });
  chat.api.room.onReads.subscribe({ roomId: '1' }, {
    onData: (event) => {
      // @ts-expect-error only a snapshot lists the readers: check the type first
      console.log(event.readers.length);
      if (event.type === 'read') console.log(event.userId, event.lastReadSeq);
    },
  });
}
