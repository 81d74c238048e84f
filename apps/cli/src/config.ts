import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SavedConfig {
  url?: string;
  token?: string;
  username?: string;
}

/** $CHAT_CONFIG, else the XDG config directory: ~/.config/chat/config.json. */
export function configPath(env = process.env): string {
  if (env.CHAT_CONFIG) return env.CHAT_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'chat', 'config.json');
}

export function readConfig(path = configPath()): SavedConfig {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SavedConfig;
  } catch {
    return {};
  }
}

/** Written with mode 600: the file holds a session token, as good as a password. */
export function writeConfig(config: SavedConfig, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
