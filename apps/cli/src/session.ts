import { createChatClient, type ChatClient } from '@chat/client';
import cliPackage from '../package.json' with { type: 'json' };
import { readConfig } from './config.ts';

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

export const DEFAULT_URL = 'http://localhost:3000';

/** Flags win over the environment, which wins over the saved config (empty counts as unset). */
export function resolveUrl(opts: GlobalOptions): string {
  return opts.url || process.env.CHAT_URL || readConfig().url || DEFAULT_URL;
}

export function resolveToken(opts: GlobalOptions): string | null {
  return opts.token || process.env.CHAT_TOKEN || readConfig().token || null;
}

export const CLI_VERSION = cliPackage.version;

/** How sessions signed in from here are listed: "chat-cli 0.1 on Linux". */
const USER_AGENT = `chat-cli/${CLI_VERSION} (Node ${process.version}; ${process.platform})`;

export const openClient = (opts: GlobalOptions, signedIn = true): ChatClient =>
  createChatClient({ url: resolveUrl(opts), token: signedIn ? resolveToken(opts) : null, requests: 'http', userAgent: USER_AGENT });
