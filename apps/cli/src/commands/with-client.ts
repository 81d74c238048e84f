import type { ChatClient } from '@chat/client';
import type { Command } from 'commander';
import { openClient, type GlobalOptions } from '../session.ts';

/** Runs a command with a signed-in client and always closes it, so the process can exit. */
export async function withClient(program: Command, run: (client: ChatClient, opts: GlobalOptions) => Promise<void>): Promise<void> {
  const opts = program.opts<GlobalOptions>();
  const client = openClient(opts);
  try {
    await run(client, opts);
  } finally {
    await client.close();
  }
}
