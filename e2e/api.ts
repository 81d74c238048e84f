import type { AppRouter } from '@chat/api/router';
import { createTRPCClient, httpLink } from '@trpc/client';

/** A plain tRPC client over HTTP, to set up data faster than a browser could. */
export function apiClient(baseUrl: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

/** The id of the newest-page message with this body, as `client` sees the room: tests name messages by what they say. */
export async function messageIdByBody(client: ReturnType<typeof apiClient>, roomId: string, body: string): Promise<string> {
  const { messages } = await client.message.history.query({ roomId, limit: 50 });
  const found = messages.find((m) => m.body === body);
  if (!found) throw new Error(`no message "${body}"`);
  return found.id;
}
