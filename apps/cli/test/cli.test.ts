import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '@chat/api/server';
import { bin, chatIn } from './chat.ts';
import { run, until } from './spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'chat-cli-'));
let server: RunningServer;
let options: ServerOptions;

beforeAll(async () => {
  options = { port: 0, dataDir: join(dir, 'data'), logLevel: 'silent', rateLimit: false };
  server = await startServer(options);
  options.port = server.port;
});
afterAll(() => server.close());

const { envFor, chat, chatWith, json } = chatIn(dir, () => server.url);

describe('chat', () => {
  test('register and login save the session to a file only its owner can read', async () => {
    const reg = await chatWith('ana', { input: 'ana-password\n' }, 'register', 'ana', '--password-stdin', '--display-name', 'Ana Lima');
    expect(reg.code, reg.err).toBe(0);
    expect(reg.out).toContain('Signed in as Ana Lima (@ana)');
    expect(statSync(join(dir, 'ana.json')).mode & 0o777).toBe(0o600);
    const ben = await chatWith('ben', { env: { CHAT_PASSWORD: 'ben-password' } }, '--json', 'register', 'ben');
    expect(ben.code, ben.err).toBe(0);
    expect(JSON.parse(ben.lines[0]!).user).toMatchObject({ username: 'ben' });
    // The newline that ended the piped password is not part of it.
    const again = await chatWith('ana', { input: 'ana-password\n' }, 'login', 'ana', '--password-stdin');
    expect(again.code, again.err).toBe(0);
    const wrong = await chatWith('ana2', { env: { CHAT_PASSWORD: 'not-her-password' } }, 'login', 'ana');
    expect(wrong.code).toBe(3);
    expect(wrong.err).toMatch(/^chat: wrong username or password/);
  });

  test('never takes the password as an argument, where every user of the machine could read it', async () => {
    const refused = await chat('ana3', 'login', 'ana', '--password', 'ana-password');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--password would show the password.*--password-stdin.*CHAT_PASSWORD/);
    const asked = await chat('ana3', 'login', 'ana');
    expect(asked.code).toBe(2);
    expect(asked.err).toContain('give --password-stdin or set CHAT_PASSWORD');
    expect((await chat('ana3', 'login', '--help')).out).not.toContain('--password <');
  });

  test('rooms, join and send by room name, in human and JSON output', async () => {
    const rooms = await chat('ana', 'rooms');
    expect(rooms.out).toMatch(/# General — /);
    expect(rooms.out).toMatch(/# Random \(not joined\)/);
    const [list] = await json('ana', 'rooms');
    expect(list.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['General', 'Random', 'Tech Talk']));
    const refused = await chat('ana', 'send', 'random', 'hello');
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('join the room first');
    expect((await chat('ana', 'join', 'random')).out).toMatch(/^Joined # Random/);
    const sent = await chat('ana', 'send', 'random', 'hello **random**');
    expect(sent.out).toMatch(/Ana Lima: hello \*\*random\*\* {2}\[id \d+\]$/);
    const [message] = await json('ana', 'send', '#Random', 'second');
    expect(message).toMatchObject({ body: 'second', author: { username: 'ana' } });
  });

  test('dm and search', async () => {
    const dm = await chat('ben', 'dm', 'ana', 'psst, the deployment is done');
    expect(dm.code, dm.err).toBe(0);
    const search = await chat('ana', 'search', 'deploy');
    expect(search.out).toMatch(/^ben {2}\[.*\] ben: psst, the deployment is done {2}\[id \d+\]$/m);
    const [hits] = await json('ana', 'search', 'deploy');
    expect(hits).toHaveLength(1);
    expect((await chat('ana', 'search', 'nothing-like-this')).out).toBe('No messages found.');
    expect((await chat('ben', 'dm', 'nobody', 'x')).code).toBe(4);
  });

  test('errors: usage, unknown room, signed out, unreachable server; --help everywhere', async () => {
    expect((await chat('ana', 'send', 'general')).code).not.toBe(0);
    expect((await chat('ana', 'send', 'no-such-room', 'x')).err).toContain('no room named "no-such-room"');
    const signedOut = await chat('nobody', 'rooms');
    expect(signedOut.code).toBe(3);
    expect(signedOut.err).toContain('chat login');
    const unreachable = run([bin, 'rooms'], { ...envFor('ana'), CHAT_URL: 'http://127.0.0.1:9' });
    expect(await unreachable.exited).toBe(6);
    expect(unreachable.stderr()).toMatch(/^chat: /);
    for (const command of ['login', 'register', 'rooms', 'join', 'send', 'tail', 'dm', 'search', 'sessions', 'passwd', 'react', 'reply', 'pin', 'pins', 'thread']) {
      const help = await chat('ana', command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: chat ${command}`);
    }
  });

  test('sessions are listed with the CLI as their device; one is signed out by its id, or all but this one', async () => {
    const signIn = (who: string, mode = 'login') => chatWith(who, { env: { CHAT_PASSWORD: 'cara-password' } }, mode, 'cara');
    expect((await signIn('cara', 'register')).code).toBe(0);
    for (const other of ['cara-laptop', 'cara-phone']) expect((await signIn(other)).code).toBe(0);
    const [listed] = await json('cara', 'sessions');
    expect(listed).toHaveLength(3);
    expect(listed.map((s: { device: string }) => s.device)).toEqual(Array(3).fill(expect.stringMatching(/^chat-cli 0\.1 on /)));
    const current = listed.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const human = await chat('cara', 'sessions');
    expect(human.out).toMatch(new RegExp(`^chat-cli .*\\(this one\\) — signed in .*\\[id ${current[0].id}\\]$`, 'm'));

    const [laptop] = await json('cara-laptop', 'sessions');
    const laptopId = laptop.find((s: { current: boolean }) => s.current).id;
    expect((await chat('cara', 'sessions', 'revoke', laptopId)).out).toBe('Signed out 1 session.');
    expect((await chat('cara-laptop', 'rooms')).code).toBe(3);
    expect((await chat('cara', 'sessions', 'revoke', laptopId)).code).toBe(4);
    expect((await chat('cara', 'sessions', 'revoke')).err).toContain('give a session id or --others');
    expect(await json('cara', 'sessions', 'revoke', '--others')).toEqual([{ ended: 1 }]);
    expect((await chat('cara-phone', 'rooms')).code).toBe(3);
    expect((await chat('cara', 'rooms')).code).toBe(0);
  });

  test('passwd takes both passwords from standard input or a prompt, never an argument, and signs out the other sessions', async () => {
    const env = { CHAT_PASSWORD: 'dan-password' };
    expect((await chatWith('dan', { env }, 'register', 'dan')).code).toBe(0);
    expect((await chatWith('dan-other', { env }, 'login', 'dan')).code).toBe(0);
    const passwd = (input: string) => chatWith('dan', { input }, 'passwd', '--password-stdin');

    const wrong = await passwd('not-dan-password\nnew-dan-password\n');
    expect([wrong.code, wrong.err]).toEqual([4, 'chat: the current password is wrong\n']);
    expect((await passwd('dan-password\n')).err).toContain('two lines');
    expect((await chat('dan', 'passwd')).err).toContain('give --password-stdin');
    expect((await chat('dan', 'passwd', '--password', 'x')).code).not.toBe(0);
    expect((await chat('dan-other', 'rooms')).code).toBe(0);

    const changed = await passwd('dan-password\nnew-dan-password\n');
    expect(changed.out, changed.err).toBe('Password changed. Signed out 1 other session.');
    expect((await chat('dan-other', 'rooms')).code).toBe(3);
    expect((await chat('dan', 'rooms')).code).toBe(0);
    expect((await chatWith('dan-again', { env }, 'login', 'dan')).code).toBe(3);
    expect((await chatWith('dan-again', { env: { CHAT_PASSWORD: 'new-dan-password' } }, 'login', 'dan')).code).toBe(0);
  });

  test('tail follows live across a server restart with no gap and no repeat, and --since resumes', async () => {
    const tail = run([bin, '--json', 'tail', 'general'], envFor('ben'));
    const events = () => tail.lines.map((l) => JSON.parse(l) as { eventId: string; message: { body: string } });
    await new Promise((r) => setTimeout(r, 1500));
    for (const body of ['t1', 't2']) await chat('ana', 'send', 'general', body);
    await until(() => events().length === 2);

    await server.close();
    server = await startServer(options);
    for (const body of ['t3', 't4']) expect((await chat('ana', 'send', 'general', body)).code).toBe(0);
    await until(() => events().length === 4);
    tail.child.kill('SIGINT');
    expect(await tail.exited).toBe(0);
    expect(events().map((e) => e.message.body)).toEqual(['t1', 't2', 't3', 't4']);

    await chat('ana', 'send', 'general', 't5');
    const resumed = run([bin, '--json', 'tail', 'general', '--since', events()[3]?.eventId as string], envFor('ben'));
    await until(() => resumed.lines.length === 1);
    resumed.child.kill('SIGINT');
    await resumed.exited;
    expect(JSON.parse(resumed.lines[0] as string).message.body).toBe('t5');

    const human = run([bin, 'tail', 'general', '--last', '2'], envFor('ben'));
    await until(() => human.lines.length === 2);
    human.child.kill('SIGINT');
    await human.exited;
    expect(human.lines[1]).toMatch(/Ana Lima: t5 {2}\[id \d+\]$/);
  });
});
