import { randomBytes } from 'node:crypto';
import { createTRPCClient, createWSClient, httpBatchLink, TRPCClientError, wsLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@chat/api/router';
import { WebSocket } from 'ws';
import { fetchFrom } from './net.ts';
import type { Target } from './target.ts';

export type Api = TRPCClient<AppRouter>;

export const PASSWORD = 'correct horse battery';

/** tRPC over HTTP (batching on) from `address`, signed in when given a token. */
export function httpApi(target: Target, address: string, token?: string): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${target.httpUrl}/trpc`,
        fetch: fetchFrom(address),
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

export interface SocketApi {
  api: Api;
  /** How many times the socket has opened (more than once: it reconnected). */
  opens(): number;
  close(): Promise<void>;
}

/** tRPC over one WebSocket from `address`, signed in with `connectionParams` as any tRPC client does. */
export function socketApi(target: Target, address: string, token: string): SocketApi {
  let opens = 0;
  // ws takes the source address as an option; tRPC's client only takes a constructor.
  class FromAddress extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { localAddress: address });
    }
  }
  const client = createWSClient({
    url: target.wsUrl,
    connectionParams: { token },
    WebSocket: FromAddress as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 200,
    onOpen: () => opens++,
  });
  return { api: createTRPCClient<AppRouter>({ links: [wsLink({ client })] }), opens: () => opens, close: () => client.close() };
}

export interface Account {
  token: string;
  user: { id: string; username: string };
  /** The address it signed up from, which its other connections use too. */
  address: string;
  http: Api;
}

/** Registers a fresh user from `address` (at most 100 an hour per address, the server's budget). */
export async function signUp(target: Target, address: string, prefix: string): Promise<Account> {
  const username = `${prefix}_${randomBytes(5).toString('hex')}`;
  const { token, user } = await httpApi(target, address).auth.register.mutate({ username, password: PASSWORD });
  return { token, user, address, http: httpApi(target, address, token) };
}

/** What a call ended with: 'ok', or the tRPC error code ('FORBIDDEN', 'TOO_MANY_REQUESTS', …). */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    return errorCode(err);
  }
}

export function errorCode(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as { code?: string } | undefined;
    return data?.code ?? `unknown: ${err.message}`;
  }
  return `unknown: ${String(err)}`;
}
