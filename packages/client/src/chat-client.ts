import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCLink } from '@trpc/client';
import type { User } from '@chat/api-types';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@chat/api-types/protocol';
import type { AppRouter, RouterInputs } from '@chat/api/router';
import type { Api } from './api.ts';
import { toChatError } from './errors.ts';
import { follow, type Follow, type FollowOptions, type RoomEvent } from './follow.ts';
import { send, type SendOptions } from './send.ts';

export interface ChatClientOptions {
  /** The server's base URL, e.g. http://localhost:3000 (ws:// is derived from it). */
  url: string;
  /** A session token from an earlier sign-in; or call `login`/`register`. */
  token?: string | null;
  /** A WebSocket implementation where there is no global one (Node 20: the `ws` package). */
  WebSocket?: typeof globalThis.WebSocket;
  /** Delay before reconnect attempt n (default: 250 ms doubling up to 5 s). */
  retryDelayMs?: (attempt: number) => number;
  /**
   * How queries and mutations travel (subscriptions always use the WebSocket). 'http' suits
   * short-lived programs: no socket to open, and an unreachable server fails at once instead
   * of waiting for a reconnect.
   */
  requests?: 'websocket' | 'http';
  /**
   * Sent as User-Agent on HTTP requests, signing in included (always HTTP), so that the
   * server's list of sessions says what this one is: `my-bot/1.2`. Browsers send their own.
   */
  userAgent?: string;
}

export interface ChatClient {
  /** Every procedure of the API, typed end to end. */
  readonly api: Api;
  readonly token: string | null;
  register(input: RouterInputs['auth']['register']): Promise<{ token: string; user: User }>;
  login(input: RouterInputs['auth']['login']): Promise<{ token: string; user: User }>;
  logout(): Promise<void>;
  follow(roomId: string, handler: (event: RoomEvent) => unknown, options?: FollowOptions): Follow;
  send(roomId: string, body: string, options?: SendOptions): ReturnType<typeof send>;
  /** Stops following and closes the connection; the process can then exit. */
  close(): Promise<void>;
}

const defaultRetryDelay = (attempt: number) => Math.min(250 * 2 ** attempt, 5_000);

export function createChatClient(options: ChatClientOptions): ChatClient {
  const base = options.url.replace(/\/+$/, '');
  const wsUrl = `${base.replace(/^http/, 'ws')}/trpc`;
  let token = options.token ?? null;

  const connect = () =>
    createWSClient({
      url: wsUrl,
      connectionParams: () => ({ protocol: String(PROTOCOL_VERSION), ...(token ? { token } : {}) }),
      WebSocket: options.WebSocket,
      retryDelayMs: options.retryDelayMs ?? defaultRetryDelay,
      // Opens on the first call and closes when idle, so short scripts cost one socket briefly.
      lazy: { enabled: true, closeMs: 10_000 },
    });
  let socket = connect();
  // Signing in swaps the socket (its connectionParams are sent once); this link always
  // forwards to the current one, so `api` stays the same object for the program's lifetime.
  const current: TRPCLink<AppRouter> = (runtime) => (ctx) => wsLink<AppRouter>({ client: socket })(runtime)(ctx);
  const overHttp = httpBatchLink<AppRouter>({
    url: `${base}/trpc`,
    headers: () => ({
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    }),
  });
  const api: Api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription' || options.requests !== 'http',
        true: current,
        false: overHttp,
      }),
    ],
  });
  const http = createTRPCClient<AppRouter>({ links: [overHttp] });
  const follows = new Set<Follow>();

  const signedIn = async (result: { token: string; user: User }) => {
    token = result.token;
    const old = socket;
    socket = connect();
    await old.close();
    return result;
  };
  const call = async <T>(promise: Promise<T>): Promise<T> => {
    try {
      return await promise;
    } catch (err) {
      throw toChatError(err);
    }
  };

  return {
    api,
    get token() {
      return token;
    },
    register: async (input) => signedIn(await call(http.auth.register.mutate(input))),
    login: async (input) => signedIn(await call(http.auth.login.mutate(input))),
    logout: async () => {
      await call(api.auth.logout.mutate());
      token = null;
    },
    follow(roomId, handler, followOptions) {
      const handle = follow(api, roomId, handler, followOptions);
      follows.add(handle);
      void handle.done.finally(() => follows.delete(handle)).catch(() => {});
      return handle;
    },
    send: (roomId, body, sendOptions) => send(api, roomId, body, sendOptions),
    async close() {
      for (const handle of follows) handle.stop();
      await socket.close();
    },
  };
}
