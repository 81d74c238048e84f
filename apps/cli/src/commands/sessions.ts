import { ChatError } from '@chat/client';
import type { Command } from 'commander';
import { formatSession, print, printJson } from '../output.ts';
import { withClient } from './with-client.ts';

export function sessionCommands(program: Command): void {
  const sessions = program
    .command('sessions')
    .description('list the sessions signed in to your account')
    .action(() =>
      withClient(program, async (client, { json }) => {
        const list = await client.api.auth.sessions.query();
        if (json) printJson(list);
        else list.forEach((session) => print(formatSession(session)));
      }),
    );
  sessions
    .command('revoke')
    .description('sign out one session (its id from `chat sessions`), or with --others every session but this one')
    .argument('[id]', 'the session to sign out')
    .option('--others', 'every session but this one')
    .action((id: string | undefined, opts: { others?: boolean }) =>
      withClient(program, async (client, { json }) => {
        if (Boolean(opts.others) === (id !== undefined)) throw new ChatError('BAD_REQUEST', 'give a session id or --others');
        let ended = 1;
        if (id === undefined) ({ ended } = await client.api.auth.logoutOthers.mutate());
        else await client.api.auth.revoke.mutate({ sessionId: id });
        if (json) printJson({ ended });
        else print(`Signed out ${ended} session${ended === 1 ? '' : 's'}.`);
      }),
    );
}
