import { join } from 'node:path';
import { expect } from 'vitest';
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
