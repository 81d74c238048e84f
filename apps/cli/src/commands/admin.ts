import type { Command } from 'commander';
import { formatAccount, formatUser, print, printJson } from '../output.ts';
import { findAccount } from '../users.ts';
import { withClient } from './with-client.ts';

/** What the server admin, the server's first account, does for the whole server. */
export function adminCommands(program: Command): void {
  const admin = program.command('admin').description("the server admin's commands (the server's first account)");
  admin
    .command('users')
    .description('list the accounts, deactivated ones too')
    .argument('[query]', 'only those whose username or display name contains this')
    .option('-l, --limit <n>', 'at most this many (1–200, default 50)', (v) => Number.parseInt(v, 10))
    .action((query: string | undefined, opts: { limit?: number }) =>
      withClient(program, async (client, { json }) => {
        const accounts = await client.api.admin.users.query({ query, limit: opts.limit });
        if (json) return printJson(accounts);
        if (accounts.length === 0) print('No accounts found.');
        accounts.forEach((account) => print(formatAccount(account)));
      }),
    );
  admin
    .command('deactivate')
    .description('deactivate an account: signed out everywhere at once, it cannot sign in; its messages stay')
    .argument('<username>')
    .option('--undo', 'let it sign in again')
    .action((username: string, opts: { undo?: boolean }) =>
      withClient(program, async (client, { json }) => {
        const account = await findAccount(client, username);
        const deactivated = !opts.undo;
        await client.api.admin.setDeactivated.mutate({ userId: account.user.id, deactivated });
        if (json) printJson({ ...account, deactivated });
        else print(deactivated ? `Deactivated ${formatUser(account.user)}: signed out everywhere.` : `${formatUser(account.user)} may sign in again.`);
      }),
    );
}
