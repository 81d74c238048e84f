import type { Command } from 'commander';
import { ChatError, type ChatClient, type Profile, type User } from '@chat/client';
import { formatUser, print, printJson } from '../output.ts';
import { resolveUrl, type GlobalOptions } from '../session.ts';
import { uploadFile } from '../upload.ts';
import { findUser } from '../users.ts';
import { withClient } from './with-client.ts';

async function profileOf(client: ChatClient, user: User): Promise<Profile> {
  const [profile] = await client.api.user.profiles.query({ userIds: [user.id] });
  if (!profile) throw new ChatError('NOT_FOUND', `no user named "${user.username}"`);
  return profile;
}

/** A profile for people: the name, then what else there is, one thing a line. */
function printProfile(profile: Profile, opts: GlobalOptions): void {
  if (opts.json) return printJson(profile);
  print(`${formatUser(profile.user)}${profile.deactivated ? ' (deactivated)' : ''}`);
  print(`  status:  ${profile.status || '(none)'}`);
  // The full address, to open in a browser signed in to the same server.
  print(`  picture: ${profile.avatar ? `${resolveUrl(opts).replace(/\/+$/, '')}${profile.avatar.large}` : '(none)'}`);
  print(`  joined:  ${new Date(profile.joinedAt).toLocaleDateString([], { dateStyle: 'medium' })}`);
}

/** What others see of me beyond my name: a status line and a picture. */
export function profileCommands(program: Command): void {
  program
    .command('profile')
    .description("show someone's profile (status, picture, when they joined); yours without a username")
    .argument('[username]')
    .action((username: string | undefined) =>
      withClient(program, async (client, opts) => {
        const user = username ? await findUser(client, username) : await client.api.auth.me.query();
        if (!user) throw new ChatError('UNAUTHORIZED', 'sign in first');
        printProfile(await profileOf(client, user), opts);
      }),
    );
  program
    .command('status')
    .description('set the short line others see beside your name (at most 100 characters)')
    .argument('[text...]')
    .option('--clear', 'remove it')
    .action((words: string[], flags: { clear?: boolean }) =>
      withClient(program, async (client, opts) => {
        const status = flags.clear ? '' : words.join(' ');
        if (!flags.clear && status.trim() === '') throw new ChatError('BAD_REQUEST', 'give a status, or --clear to remove yours', 'status');
        printProfile(await client.api.user.setStatus.mutate({ status }), opts);
      }),
    );
  program
    .command('avatar')
    .description('set your picture from a PNG, JPEG, GIF, WebP or AVIF image')
    .argument('[image-path]')
    .option('--remove', 'remove it: others see your initials')
    .action((path: string | undefined, flags: { remove?: boolean }) =>
      withClient(program, async (client, opts) => {
        if (!flags.remove && !path) throw new ChatError('BAD_REQUEST', 'give an image file, or --remove to remove your picture', 'fileId');
        const fileId = flags.remove ? null : (await uploadFile(resolveUrl(opts), client.token, path as string)).id;
        printProfile(await client.api.user.setAvatar.mutate({ fileId }), opts);
      }),
    );
}
