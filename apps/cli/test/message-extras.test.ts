import { describe, expect, test } from 'vitest';
import { bin, chatServerForFile } from './chat.ts';
import { run, until } from './spawn.ts';

const { envFor, chat, json } = chatServerForFile('extras', [['ana', 'Ana Lima'], ['ben', 'Ben Ode']]);

/** Sends as `who` to General: the new message's id. */
const send = async (who: string, text: string): Promise<string> => ((await json(who, 'send', 'general', text))[0] as { id: string }).id;

describe('chat react, reply, pin, pins and thread', () => {
  test('a reaction is made and taken back by message id; lines show the id and the reactions', async () => {
    const id = await send('ana', 'ship it?');
    const reacted = await chat('ben', 'react', id, '👍');
    expect(reacted.out, reacted.err).toMatch(new RegExp(`Ana Lima: ship it\\?  👍 1  \\[id ${id}\\]$`));
    const [both] = await json('ana', 'react', id, '👍');
    expect(both.reactions).toEqual([{ emoji: '👍', count: 2, users: [expect.objectContaining({ username: 'ben' }), expect.objectContaining({ username: 'ana' })] }]);
    expect((await chat('ben', 'react', id, '🎉')).out).toMatch(/ship it\? {2}👍 2 🎉 1 {2}\[id/);
    expect((await chat('ben', 'react', id, '👍', '--remove')).out).toMatch(/ship it\? {2}👍 1 🎉 1 {2}\[id/);

    const notEmoji = await chat('ben', 'react', id, 'ok');
    expect([notEmoji.code, notEmoji.err]).toEqual([2, expect.stringContaining('emoji')]);
    expect((await chat('ben', 'react', '9999999999', '👍')).code).toBe(4);
    // A message of a room Ben has not joined: reading it is allowed, reacting is not.
    expect((await chat('ana', 'join', 'random')).code).toBe(0);
    const [elsewhere] = await json('ana', 'send', 'random', 'over here');
    expect((await chat('ben', 'react', elsewhere.id, '👍')).code).toBe(4);
    expect((await chat('ben', 'reply', elsewhere.id, 'me too')).err).toContain('join the room first');
  });

  test("a reply goes to the message's room and shows its quote; the thread lists it, paged", async () => {
    const root = await send('ana', 'where shall we eat?');
    const first = await chat('ben', 'reply', root, 'the', 'noodle', 'place');
    expect(first.lines, first.err).toEqual([
      '  ↳ Ana Lima: where shall we eat?',
      expect.stringMatching(/^\[.*\] Ben Ode: the noodle place {2}\[id \d+\]$/),
    ]);
    const [second] = await json('ana', 'reply', root, 'again?');
    expect(second).toMatchObject({ replyTo: { id: root, excerpt: 'where shall we eat?' }, threadRootId: root });
    // A reply to a reply joins the same thread, quoting the reply it answers.
    const [third] = await json('ben', 'reply', second.id, 'yes, again');
    expect([third.threadRootId, third.replyTo.id]).toEqual([root, second.id]);

    // Its replies follow the first message, which is not quoted again; a reply to a reply is.
    const thread = await chat('ana', 'thread', third.id);
    expect(thread.lines).toEqual([
      expect.stringMatching(new RegExp(`Ana Lima: where shall we eat\\? \\(3 replies\\)  \\[id ${root}\\]$`)),
      expect.stringMatching(/Ben Ode: the noodle place {2}\[id/),
      expect.stringMatching(/Ana Lima: again\? {2}\[id/),
      '  ↳ Ana Lima: again?',
      expect.stringMatching(/Ben Ode: yes, again {2}\[id/),
    ]);
    const newest = await chat('ana', 'thread', root, '--limit', '2');
    expect(newest.lines).toHaveLength(5);
    const older = /chat thread \d+ --before (\d+)\)$/.exec(newest.lines.at(-1) ?? '')?.[1];
    expect(older, newest.out).toBeDefined();
    const [page] = await json('ana', 'thread', root, '--limit', '2', '--before', older as string);
    expect([page.root.id, page.replies.map((m: { body: string }) => m.body), page.nextCursor]).toEqual([root, ['the noodle place'], null]);
    expect((await chat('ana', 'thread', '9999999999')).code).toBe(4);
  });

  test('a pin shows who made it, the room lists its pins, and --remove takes it off', async () => {
    expect((await chat('ana', 'pins', 'general')).out).toBe('No pinned messages.');
    const rules = await send('ana', 'house rules');
    const wifi = await send('ben', 'the wifi password');
    expect((await chat('ben', 'pin', rules)).out).toMatch(/house rules {2}📌 pinned by Ben Ode {2}\[id \d+\]$/);
    expect((await json('ana', 'pin', wifi))[0].pinned.by.username).toBe('ana');
    const pins = await chat('ben', 'pins', 'general');
    expect(pins.lines).toEqual([expect.stringContaining('the wifi password'), expect.stringContaining('house rules')]);
    expect((await chat('ana', 'pin', rules, '--remove')).out).not.toContain('📌');
    const [left] = await json('ana', 'pins', 'general');
    expect(left.map((m: { id: string }) => m.id)).toEqual([wifi]);
  });

  test('tail tells who reacted or pinned what; with --json each event carries who and which emoji', async () => {
    const id = await send('ana', 'deploy friday?');
    const human = run([bin, 'tail', 'general', '--last', '1'], envFor('ana'));
    const machine = run([bin, '--json', 'tail', 'general', '--last', '1'], envFor('ana'));
    // --last reads the history first and follows on from it, so nothing after it is missed.
    await until(() => human.lines.length === 1 && machine.lines.length === 1);
    await chat('ben', 'react', id, '😬');
    await chat('ben', 'pin', id);
    await chat('ben', 'pin', id, '--remove');
    await chat('ben', 'react', id, '😬', '--remove');
    await until(() => human.lines.length === 5 && machine.lines.length === 5);
    for (const tail of [human, machine]) tail.child.kill('SIGINT');
    await Promise.all([human.exited, machine.exited]);

    expect(human.lines.slice(1)).toEqual([
      `Ben Ode reacted 😬 to Ana Lima: deploy friday?  [id ${id}]`,
      `Ben Ode pinned Ana Lima: deploy friday?  [id ${id}]`,
      `Ben Ode unpinned Ana Lima: deploy friday?  [id ${id}]`,
      `Ben Ode took back 😬 from Ana Lima: deploy friday?  [id ${id}]`,
    ]);
    const events = machine.lines.slice(1).map((l) => JSON.parse(l) as { eventId: string; type: string; by: { username: string }; emoji?: string; message: { id: string } });
    expect(events.map((e) => [e.type, e.by.username, e.emoji ?? null, e.message.id])).toEqual([
      ['reacted', 'ben', '😬', id],
      ['pinned', 'ben', null, id],
      ['unpinned', 'ben', null, id],
      ['unreacted', 'ben', '😬', id],
    ]);
    expect(events.every((e) => /^\d+$/.test(e.eventId))).toBe(true);
  });
});
