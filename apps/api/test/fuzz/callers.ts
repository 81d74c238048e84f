import { createTRPCUntypedClient, createWSClient, httpLink, wsLink, type TRPCUntypedClient } from '@trpc/client';
import type { AppRouter } from '../../src/router.ts';
import { WebSocket } from 'ws';
import type { TestServer } from '../harness.ts';
import type { Caller } from './calls.ts';

/** A client that calls any path by name: the fuzzer's paths come from the router at run time. */
export type UntypedClient = TRPCUntypedClient<AppRouter>;

export interface Credentials {
  username: string;
  password: string;
}

interface Socket {
  client: UntypedClient;
  close(): Promise<void>;
}

function openSocket(server: TestServer, token: string | null): Socket {
  const ws = createWSClient({
    url: server.wsUrl,
    connectionParams: token ? { token } : null,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 50,
  });
  return { client: createTRPCUntypedClient<AppRouter>({ links: [wsLink({ client: ws })] }), close: () => ws.close() };
}

/**
 * The two people the fuzzer calls as: the seeded member, and someone signed out. Each run gets
 * new sockets, so that runs do not share a connection's state, and so that no signed-out
 * socket lives long enough for the server to close it as idle. A fuzzed `auth.logout` ends the
 * member's session; `renew` signs them in again, so later runs still reach past UNAUTHORIZED.
 */
export class Callers {
  private sockets: Record<Caller, Socket>;

  constructor(
    private readonly server: TestServer,
    private readonly member: Credentials,
    private currentToken: string,
  ) {
    this.sockets = this.open();
  }

  ws(caller: Caller): UntypedClient {
    return this.sockets[caller].client;
  }

  get memberToken(): string {
    return this.currentToken;
  }

  token(caller: Caller): string | null {
    return caller === 'member' ? this.currentToken : null;
  }

  /** New sockets for the next run, and a new session for the member if the last run ended theirs. */
  async renew(): Promise<void> {
    await this.close();
    const anonymous = createTRPCUntypedClient<AppRouter>({ links: [httpLink({ url: `${this.server.url}/trpc` })] });
    const signedIn = createTRPCUntypedClient<AppRouter>({ links: [httpLink({ url: `${this.server.url}/trpc`, headers: { authorization: `Bearer ${this.currentToken}` } })] });
    if ((await signedIn.query('auth.me')) === null) {
      const { username, password } = this.member;
      this.currentToken = ((await anonymous.mutation('auth.login', { username, password })) as { token: string }).token;
    }
    this.sockets = this.open();
  }

  private open(): Record<Caller, Socket> {
    return { member: openSocket(this.server, this.currentToken), anonymous: openSocket(this.server, null) };
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.sockets).map((socket) => socket.close()));
  }
}
