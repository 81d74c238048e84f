import { describe, expect, test } from 'vitest';
import { bin, chatServerForFile, passwordOf } from './chat.ts';
import { run, until } from './spawn.ts';

// The server's first account is its admin.
const { envFor, chat, chatWith, json } = chatServerForFile('room-admin', [['root', 'Root'], ['ana', 'Ana Lima'], ['ben', 'Ben Ode']]);

/** A public room Ana creates (its owner) and Ben joins: its name. */
async function anasRoom(name: string): Promise<string> {
  const [room] = await json('ana', 'rooms', 'create', name);
  expect(room).toMatchObject({ name, role: 'owner', archived: false });
  expect((await chat('ben', 'join', name)).code).toBe(0);
  return name;
}

/** The room's line in `who`'s `chat rooms`. */
const lineOf = async (who: string, name: string) => (await chat(who, 'rooms')).lines.find((l) => l.includes(` ${name} `));

/** The lines `chat tail <room> --last <count>` prints of the room's history, before it follows on. */
async function lastLines(who: string, room: string, count: number, ...flags: string[]): Promise<string[]> {
  const tail = run([bin, ...flags, 'tail', room, '--last', String(count)], envFor(who));
  await until(() => tail.lines.length >= count);
  tail.child.kill('SIGINT');
  await tail.exited;
  return tail.lines;
}

describe('chat rooms: looking after a room', () => {
  test('the owner names an admin, who renames the room and changes its topic; the history tells it in words', async () => {
    const room = await anasRoom('Kitchen');
    expect(await lineOf('ana', room)).toMatch(/^# Kitchen \(owner\) {2}\[id \d+\]$/);
    const refused = await chat('ben', 'rooms', 'rename', room, 'Mine');
    expect([refused.code, refused.err]).toEqual([4, expect.stringContaining("only the room's owner and admins")]);

    expect((await chat('ana', 'rooms', 'admin', room, '@ben')).out).toBe('Ben Ode (@ben) is now an admin of Kitchen.');
    const renamed = await chat('ben', 'rooms', 'rename', room, 'Lunch', 'Club');
    expect(renamed.out, renamed.err).toMatch(/^# Lunch Club \(admin, 1 unread\) {2}\[id \d+\]$/);
    const [topic] = await json('ben', 'rooms', 'topic', 'lunch club', 'noodles', 'on', 'friday');
    expect(topic).toMatchObject({ name: 'Lunch Club', topic: 'noodles on friday', role: 'admin' });
    // An admin names no admins.
    expect((await chat('ben', 'rooms', 'admin', 'Lunch Club', 'ana')).code).toBe(4);
    expect((await chat('ana', 'rooms', 'admin', 'Lunch Club', 'nobody')).err).toContain('no member named "nobody" in Lunch Club');
    expect(await json('ana', 'rooms', 'admin', 'Lunch Club', 'ben', '--remove')).toEqual([
      { roomId: topic.id, user: expect.objectContaining({ username: 'ben' }), role: 'member' },
    ]);

    const history = await lastLines('ana', 'Lunch Club', 4);
    expect(history.map((l) => l.replace(/^\[.*?\] /, '').replace(/ {2}\[id \d+\]$/, ''))).toEqual([
      '— Ana Lima made Ben Ode an admin',
      '— Ben Ode renamed the room to “Lunch Club”',
      '— Ben Ode changed the topic to “noodles on friday”',
      '— Ana Lima made Ben Ode a member',
    ]);
    const events = (await lastLines('ana', 'Lunch Club', 2, '--json')).map((l) => JSON.parse(l) as { message: { notice: unknown } });
    expect(events.map((e) => e.message.notice)).toEqual([
      { kind: 'topic-changed', topic: 'noodles on friday' },
      { kind: 'role-changed', user: expect.objectContaining({ username: 'ben' }), role: 'member' },
    ]);
  });

  test('an archived room refuses messages with the reason and says so in the list; --undo opens it again', async () => {
    const room = await anasRoom('Attic');
    expect((await chat('ana', 'rooms', 'archive', room)).out).toMatch(/^# Attic \(owner, archived\) {2}\[id \d+\]$/);
    expect(await lineOf('ben', room)).toMatch(/^# Attic \(archived, 1 unread\) {2}\[id/);
    const refused = await chat('ben', 'send', room, 'anyone here?');
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining('the room is archived')]);
    expect((await json('ana', 'rooms', 'archive', room, '--undo'))[0]).toMatchObject({ archived: false });
    expect((await chat('ben', 'send', room, 'anyone here?')).code).toBe(0);
  });

  test("the owner deletes anyone's message and removes members; an author deletes their own, nobody else's", async () => {
    const room = await anasRoom('Porch');
    const [rude] = await json('ben', 'send', room, 'something rude');
    const [own] = await json('ben', 'send', room, 'a typo');
    const [anas] = await json('ana', 'send', room, 'house rules');
    expect((await chat('ana', 'delete', rude.id)).out).toMatch(new RegExp(`Ben Ode: \\(message deleted\\) {2}\\[id ${rude.id}\\]$`));
    expect((await json('ben', 'delete', own.id))[0]).toMatchObject({ deleted: true });
    const refused = await chat('ben', 'delete', anas.id);
    expect([refused.code, refused.err]).toEqual([4, expect.stringContaining("only the room's owner and admins")]);

    expect((await chat('ana', 'rooms', 'remove', room, 'ben')).out).toBe(`Removed Ben Ode (@ben) from ${room}.`);
    expect(await lineOf('ben', room)).toMatch(/\(not joined\)/);
    const [removal] = await lastLines('ana', room, 1);
    const noticeId = /\] — Ana Lima removed Ben Ode from the room {2}\[id (\d+)\]$/.exec(removal ?? '')?.[1];
    expect(noticeId, removal).toBeDefined();
    // The room's record of a change stays, whoever asks.
    expect((await chat('ana', 'delete', noticeId as string)).err).toContain('cannot be changed');
  });

  test('deleting a room needs --yes, and only its owner may', async () => {
    const room = await anasRoom('Shed');
    const unsure = await chat('ana', 'rooms', 'delete', room);
    expect([unsure.code, unsure.err]).toEqual([2, expect.stringContaining('add --yes')]);
    expect((await chat('ben', 'rooms', 'delete', room, '--yes')).code).toBe(4);
    expect(await lineOf('ana', room)).toBeDefined();
    expect((await chat('ana', 'rooms', 'delete', room, '--yes')).out).toBe('Deleted Shed.');
    expect(await lineOf('ana', room)).toBeUndefined();
    expect((await chat('ben', 'send', room, 'hello?')).err).toContain('no room named "Shed"');
  });
});

describe('chat admin: the server admin', () => {
  test('looks after every room, the default ones too', async () => {
    const [general] = await json('root', 'rooms', 'topic', 'general', 'say', 'hello');
    expect(general).toMatchObject({ name: 'General', topic: 'say hello' });
    expect((await chat('ana', 'rooms', 'topic', 'general', 'mine')).code).toBe(4);
  });

  test('lists accounts and deactivates one: signed out at once, refused at sign-in, back with --undo', async () => {
    const users = await chat('root', 'admin', 'users');
    expect(users.lines).toEqual([
      expect.stringMatching(/^Ana Lima \(@ana\) — signed up /),
      expect.stringMatching(/^Ben Ode \(@ben\) — signed up /),
      expect.stringMatching(/^Root \(@root\) \(server admin\) — signed up .* {2}\[id \d+\]$/),
    ]);
    expect((await chat('ana', 'admin', 'users')).code).toBe(4);
    expect((await chat('ana', 'admin', 'deactivate', 'ben')).code).toBe(4);

    expect((await chat('root', 'admin', 'deactivate', 'ben')).out).toBe('Deactivated Ben Ode (@ben): signed out everywhere.');
    expect((await chat('ben', 'rooms')).code).toBe(3);
    const login = await chatWith('ben', passwordOf('ben'), 'login', 'ben');
    expect([login.code, login.err]).toEqual([4, expect.stringContaining('this account is deactivated')]);
    expect((await chat('root', 'admin', 'users', 'ben')).out).toMatch(/^Ben Ode \(@ben\) \(deactivated\) — /);

    expect(await json('root', 'admin', 'deactivate', 'ben', '--undo')).toEqual([expect.objectContaining({ user: expect.objectContaining({ username: 'ben' }), deactivated: false })]);
    expect((await chatWith('ben', passwordOf('ben'), 'login', 'ben')).code).toBe(0);
    expect((await chat('root', 'admin', 'deactivate', 'nobody')).err).toContain('no account named "nobody"');
  });
});
