import password from '@inquirer/password';
import { ChatError } from '@chat/client';
import { Option, type Command } from 'commander';
import { configPath, readConfig, writeConfig } from '../config.ts';
import { formatUser, print, printJson } from '../output.ts';
import { openClient, resolveUrl, type GlobalOptions } from '../session.ts';

interface PasswordOptions {
  password?: string;
  passwordStdin?: boolean;
}

/** A password on the command line is visible to every user of the machine (`ps`) and kept in shell history. */
const ARGUMENT_REFUSED =
  '--password would show the password to anyone who can list processes; use --password-stdin, set CHAT_PASSWORD, or type it when asked';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  // `echo secret | chat login ana --password-stdin` ends with a newline that is not the password's.
  return text.replace(/\r?\n$/, '');
}

async function askPassword(opts: PasswordOptions): Promise<string> {
  if (opts.password !== undefined) throw new ChatError('BAD_REQUEST', ARGUMENT_REFUSED);
  if (opts.passwordStdin) return readStdin();
  if (process.env.CHAT_PASSWORD) return process.env.CHAT_PASSWORD;
  if (!process.stdin.isTTY) throw new ChatError('BAD_REQUEST', 'give --password-stdin or set CHAT_PASSWORD (no terminal to ask in)');
  return password({ message: 'Password', mask: '*' });
}

/** Signs in (or up) and saves the server and token for the next commands. */
async function signIn(program: Command, mode: 'login' | 'register', username: string, opts: PasswordOptions & { displayName?: string }) {
  const global = program.opts<GlobalOptions>();
  const client = openClient(global, false);
  try {
    const secret = await askPassword(opts);
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

/** Still understood, so that a script using it gets the reason rather than "unknown option". */
const refusedPassword = () => new Option('-p, --password <password>').hideHelp();

export function accountCommands(program: Command): void {
  program
    .command('login')
    .description('sign in and remember the session')
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input (else $CHAT_PASSWORD, else asked)')
    .addOption(refusedPassword())
    .action((username: string, opts: PasswordOptions) => signIn(program, 'login', username, opts));
  program
    .command('register')
    .description('create an account and remember the session')
    .argument('<username>', '3–32 of a–z, 0–9, _ . -')
    .option('--password-stdin', 'read the password (at least 8 characters) from standard input (else $CHAT_PASSWORD, else asked)')
    .addOption(refusedPassword())
    .option('-n, --display-name <name>', 'the name others see')
    .action((username: string, opts: PasswordOptions & { displayName?: string }) => signIn(program, 'register', username, opts));
}
