import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '@chat/api/router';

/** The fully typed tRPC client of the chat's API. */
export type Api = TRPCClient<AppRouter>;
