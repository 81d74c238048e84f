import { isChatError, toChatError } from '@chat/client';
import { Command, CommanderError } from 'commander';
import { accountCommands } from './commands/account.ts';
import { adminCommands } from './commands/admin.ts';
import { messageExtraCommands } from './commands/message-extras.ts';
import { messageCommands } from './commands/messages.ts';
import { profileCommands } from './commands/profiles.ts';
import { roomCommands } from './commands/rooms.ts';
import { sessionCommands } from './commands/sessions.ts';
import { tailCommand } from './commands/tail.ts';
import { CLI_VERSION, DEFAULT_URL, resolveUrl } from './session.ts';

/** Exit codes scripts can rely on. */
const EXIT = { BAD_REQUEST: 2, UNAUTHORIZED: 3, FORBIDDEN: 4, NOT_FOUND: 4, CONFLICT: 5, NETWORK: 6, SERVICE_UNAVAILABLE: 6 } as const;

const program = new Command('chat')
  .description('Talk to a chat server from the terminal.')
  .option('-u, --url <url>', `server URL (else $CHAT_URL, else the saved one, else ${DEFAULT_URL})`)
  .option('-t, --token <token>', 'session token (else $CHAT_TOKEN, else the saved one)')
  .option('--json', 'machine-readable output: one JSON document per line')
  .version(CLI_VERSION)
  .showHelpAfterError()
  .exitOverride();

accountCommands(program);
roomCommands(program);
messageCommands(program);
messageExtraCommands(program);
sessionCommands(program);
profileCommands(program);
tailCommand(program);
adminCommands(program);

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // Calls made through the typed API fail with tRPC's own error class; the SDK maps it.
  const error = isChatError(err) || (err instanceof Error && err.name === 'TRPCClientError') ? toChatError(err) : null;
  if (error) {
    const hint = error.code === 'UNAUTHORIZED' ? ' (sign in with: chat login <username>)' : '';
    const where = error.code === 'NETWORK' ? `cannot reach ${resolveUrl(program.opts())}: ` : '';
    process.stderr.write(`chat: ${where}${error.message}${hint}\n`);
    process.exit(EXIT[error.code as keyof typeof EXIT] ?? 1);
  }
  process.stderr.write(`chat: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
