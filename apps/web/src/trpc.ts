import type { AppRouter } from '@chat/api/router';
import { createTRPCReact } from '@trpc/react-query';

export const trpc = createTRPCReact<AppRouter>();

/** The API is served from the same origin as the app (in dev, through Vite's proxy). */
export function trpcSocketUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/trpc`;
}
