import { WebSocket } from 'ws';
import { createChatClient as createUniversal, type ChatClient, type ChatClientOptions } from './chat-client.ts';

export * from './index.ts';

/** Node 20 has no global WebSocket: the `ws` package stands in unless one is given. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return createUniversal({ WebSocket: globalThis.WebSocket ?? (WebSocket as unknown as typeof globalThis.WebSocket), ...options });
}
