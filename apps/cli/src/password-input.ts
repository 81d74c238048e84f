import password from '@inquirer/password';
import { ChatError } from '@chat/client';

export interface PasswordOptions {
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

const noTerminal = (what: string) => new ChatError('BAD_REQUEST', `give ${what} (no terminal to ask in)`);
const ask = (message: string) => password({ message, mask: '*' });

/** The password to sign in with: never from an argument. */
export async function askPassword(opts: PasswordOptions): Promise<string> {
  if (opts.password !== undefined) throw new ChatError('BAD_REQUEST', ARGUMENT_REFUSED);
  if (opts.passwordStdin) return readStdin();
  if (process.env.CHAT_PASSWORD) return process.env.CHAT_PASSWORD;
  if (!process.stdin.isTTY) throw noTerminal('--password-stdin or set CHAT_PASSWORD');
  return ask('Password');
}

/** The current password and a new one: two lines of standard input, or asked for (the new one twice). */
export async function askPasswordChange(opts: Pick<PasswordOptions, 'passwordStdin'>): Promise<{ currentPassword: string; newPassword: string }> {
  if (opts.passwordStdin) {
    const [currentPassword, newPassword, ...rest] = (await readStdin()).split(/\r?\n/);
    if (currentPassword === undefined || newPassword === undefined || rest.length > 0) {
      throw new ChatError('BAD_REQUEST', 'give two lines on standard input: the current password, then the new one');
    }
    return { currentPassword, newPassword };
  }
  if (!process.stdin.isTTY) throw noTerminal('--password-stdin');
  const currentPassword = await ask('Current password');
  const newPassword = await ask('New password');
  if ((await ask('New password again')) !== newPassword) throw new ChatError('BAD_REQUEST', 'the two new passwords differ');
  return { currentPassword, newPassword };
}
