import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createChatClient } from '@chat/client';
import { chatServerForFile } from './chat.ts';

// The server's first account is its admin.
const { dir, server, chat, json } = chatServerForFile('notify', [['root', 'Root'], ['ana', 'Ana Lima'], ['ben', 'Ben Ode'], ['cyd', 'Cy Park']], { limits: { seenByMaxMembers: 3 } });

/** Moves `who`'s read marker to the message, as a client showing it does, signed in as `chat login` left them. */
async function markRead(who: string, roomId: string, messageId: string): Promise<void> {
  const { token } = JSON.parse(readFileSync(join(dir, `${who}.json`), 'utf8')) as { token: string };
  const client = createChatClient({ url: server().url, token, requests: 'http' });
  await client.api.message.markRead.mutate({ roomId, messageId });
  await client.close();
}

/** The room's line in `who`'s `chat rooms`. */
const lineOf = async (who: string, name: string) => (await chat(who, 'rooms')).lines.find((l) => l.includes(` ${name} `));

describe('chat rooms notify', () => {
  test('sets what of a room notifies me, shown in the room list when it is not the usual', async () => {
    expect((await json('ana', 'rooms', 'create', 'Garden'))[0]).toMatchObject({ notificationLevel: 'mentions' });
    expect(await lineOf('ana', 'Garden')).toMatch(/^# Garden \(owner\) {2}\[id \d+\]$/);

    expect((await chat('ana', 'rooms', 'notify', 'garden', 'muted')).out).toBe('Garden: muted: nothing notifies you.');
    expect(await lineOf('ana', 'Garden')).toMatch(/^# Garden \(owner, muted\) {2}\[id \d+\]$/);
    const [room] = await json('ana', 'rooms', 'notify', 'Garden', 'all');
    expect(room).toMatchObject({ name: 'Garden', notificationLevel: 'all' });
    expect(await lineOf('ana', 'Garden')).toMatch(/^# Garden \(owner, notify: all\) {2}\[id \d+\]$/);

    const loud = await chat('ana', 'rooms', 'notify', 'Garden', 'loud');
    expect([loud.code, loud.err]).toEqual([2, expect.stringContaining('level: must be all, mentions or muted')]);
    // Not a member: not allowed.
    const outsider = await chat('ben', 'rooms', 'notify', 'Garden', 'all');
    expect([outsider.code, outsider.err]).toEqual([4, expect.stringContaining('join the room first')]);
  });
});

describe('chat rooms seen', () => {
  test('who has read the room up to its last message, and who has not; its writer is in neither list', async () => {
    await json('ana', 'rooms', 'create', 'Porch');
    for (const who of ['ben', 'cyd']) expect((await chat(who, 'join', 'Porch')).code).toBe(0);
    expect((await chat('ana', 'rooms', 'seen', 'Porch')).out).toBe('No messages in Porch yet.');

    const [sent] = await json('ana', 'send', 'Porch', 'tea at five');
    const before = await chat('ana', 'rooms', 'seen', 'Porch');
    expect(before.lines).toEqual([expect.stringMatching(/^Last message: \[.+\] Ana Lima: tea at five {2}\[id \d+\]$/), 'Seen by: nobody', 'Not yet: Ben Ode (@ben), Cy Park (@cyd)']);

    // Ben reads the room in a client that marks what it shows as read (the web app does).
    await markRead('ben', sent.roomId, sent.id);
    const [after] = await json('cyd', 'rooms', 'seen', 'Porch');
    expect(after).toMatchObject({ lastMessage: { id: sent.id }, seen: [{ username: 'ben' }], notSeen: [{ username: 'cyd' }] });
  });

  test('a room larger than the server keeps seen-by for is refused with the reason', async () => {
    await json('ana', 'rooms', 'create', 'Hall');
    for (const who of ['ben', 'cyd', 'root']) expect((await chat(who, 'join', 'Hall')).code).toBe(0);
    const refused = await chat('ana', 'rooms', 'seen', 'Hall');
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining('seen-by is kept for rooms of at most 3 members')]);
  });
});
