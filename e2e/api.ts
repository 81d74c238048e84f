import type { AppRouter } from '@chat/api/router';
import { createTRPCClient, httpLink } from '@trpc/client';

/** A plain tRPC client over HTTP, to set up data faster than a browser could. */
export function apiClient(baseUrl: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}
