import password from '@inquirer/password';
import { ChatError } from '@chat/client';
import type { Command } from 'commander';
import { configPath, readConfig, writeConfig } from '../config.ts';
import { formatUser, print, printJson } from '../output.ts';
import { openClient, resolveUrl, type GlobalOptions } from '../session.ts';

async function askPassword(given: string | undefined): Promise<string> {
  const fromFlagOrEnv = given || process.env.CHAT_PASSWORD;
  if (fromFlagOrEnv) return fromFlagOrEnv;
  if (!process.stdin.isTTY) throw new ChatError('BAD_REQUEST', 'give --password or set CHAT_PASSWORD (no terminal to ask in)');
  return password({ message: 'Password', mask: '*' });
}

/** Signs in (or up) and saves the server and token for the next commands. */
async function signIn(program: Command, mode: 'login' | 'register', username: string, opts: { password?: string; displayName?: string }) {
  const global = program.opts<GlobalOptions>();
  const client = openClient(global, false);
  try {
    const secret = await askPassword(opts.password);
    const { token, user } =
      mode === 'login'
        ? await client.login({ username, password: secret })
        : await client.register({ username, password: secret, displayName: opts.displayName });
    writeConfig({ ...readConfig(), url: resolveUrl(global), token, username: user.username });
    if (global.json) printJson({ user, config: configPath() });
    else print(`Signed in as ${formatUser(user)}. Saved to ${configPath()}.`);
  } finally {
    await client.close();
  }
}

export function accountCommands(program: Command): void {
  program
    .command('login')
    .description('sign in and remember the session')
    .argument('<username>')
    .option('-p, --password <password>', 'password (else $CHAT_PASSWORD, else asked)')
    .action((username: string, opts: { password?: string }) => signIn(program, 'login', username, opts));
  program
    .command('register')
    .description('create an account and remember the session')
    .argument('<username>', '3–32 of a–z, 0–9, _ . -')
    .option('-p, --password <password>', 'at least 8 characters (else $CHAT_PASSWORD, else asked)')
    .option('-n, --display-name <name>', 'the name others see')
    .action((username: string, opts: { password?: string; displayName?: string }) => signIn(program, 'register', username, opts));
}
