import { Option, type Command } from 'commander';
import { configPath, readConfig, writeConfig } from '../config.ts';
import { formatUser, print, printJson } from '../output.ts';
import { askPassword, askPasswordChange, type PasswordOptions } from '../password-input.ts';
import { openClient, resolveUrl, type GlobalOptions } from '../session.ts';
import { withClient } from './with-client.ts';

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
  program
    .command('passwd')
    .description('change your password, signing out every other session')
    .option('--password-stdin', 'read the current password and the new one from two lines of standard input (else asked)')
    .action((opts: Pick<PasswordOptions, 'passwordStdin'>) =>
      withClient(program, async (client, { json }) => {
        const { ended } = await client.api.auth.changePassword.mutate(await askPasswordChange(opts));
        if (json) printJson({ ended });
        else print(`Password changed. Signed out ${ended} other session${ended === 1 ? '' : 's'}.`);
      }),
    );
}
