import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '@chat/api/server';
import { run } from './spawn.ts';

export const bin = join(import.meta.dirname, '../bin/chat.mjs');

/**
 * Runs `chat` the way its users do, each `who` with a config file of its own in `dir`, against
 * the server `url()` names when the command starts (a test may restart its server).
 */
export function chatIn(dir: string, url: () => string) {
  const envFor = (who: string) => ({ CHAT_URL: url(), CHAT_CONFIG: join(dir, `${who}.json`), CHAT_TOKEN: '', CHAT_PASSWORD: '' });

  /** Runs `chat …` to the end: its exit code, stdout lines and stderr. */
  async function chatWith(who: string, { env = {}, input }: { env?: Record<string, string>; input?: string }, ...args: string[]) {
    const proc = run([bin, ...args], { ...envFor(who), ...env }, input);
    const code = await proc.exited;
    return { code, lines: proc.lines, out: proc.lines.join('\n'), err: proc.stderr() };
  }
  const chat = (who: string, ...args: string[]) => chatWith(who, {}, ...args);
  /** Runs `chat --json …`, which must succeed: each line of its output, parsed. */
  const json = async (who: string, ...args: string[]) => {
    const result = await chat(who, '--json', ...args);
    expect(result.code, result.err).toBe(0);
    return result.lines.map((l) => JSON.parse(l));
  };
  return { envFor, chat, chatWith, json };
}

/** How a test file's people sign up and in: `ana`'s password is `ana-password`. */
export const passwordOf = (who: string) => ({ env: { CHAT_PASSWORD: `${who}-password` } });

/**
 * A server of the test file's own (SQLite in a temp directory, no rate limits) started before its
 * tests, with `people` signed up through `chat register` in the order given (so the first is the
 * server admin), and closed after them.
 */
export function chatServerForFile(name: string, people: readonly (readonly [who: string, displayName: string])[], options: Partial<ServerOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `chat-cli-${name}-`));
  let server: RunningServer | undefined;
  const running = () => {
    if (!server) throw new Error('the server starts in beforeAll');
    return server;
  };
  const cli = chatIn(dir, () => running().url);
  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent', rateLimit: false, ...options, dataDir: join(dir, 'data') });
    for (const [who, displayName] of people) {
      const signUp = await cli.chatWith(who, passwordOf(who), 'register', who, '-n', displayName);
      expect(signUp.code, signUp.err).toBe(0);
    }
  });
  afterAll(() => server?.close());
  return { dir, server: running, ...cli };
}
