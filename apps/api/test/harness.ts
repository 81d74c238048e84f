import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../src/router.ts';
import { WebSocket } from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../src/server.ts';

export type Client = TRPCClient<AppRouter>;

export interface TestServer extends RunningServer {
  dataDir: string;
  wsUrl: string;
  /** Stops the server and starts it again on the same port and data directory. */
  restart(): Promise<void>;
}

/** A real server on a free port with its own temporary DATA_DIR. */
export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'chat-test-'));
  const options: ServerOptions = { port: 0, logLevel: 'silent', rateLimit: false, ...opts, dataDir };
  let running = await startServer(options);
  const port = running.port;
  const server: TestServer = {
    dataDir,
    port,
    url: running.url,
    get app() {
      return running.app;
    },
    wsUrl: running.url.replace(/^http/, 'ws') + '/trpc',
    close: async () => {
      await running.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async () => {
      await running.close();
      running = await startServer({ ...options, port });
    },
  };
  return server;
}

export interface WsClient {
  client: Client;
  ws: ReturnType<typeof createWSClient>;
  close(): Promise<void>;
}

/**
 * A tRPC client over a real WebSocket, authenticated by connectionParams like any outside
 * program; it says no protocol version unless given one, as the public contract's clients do.
 */
export function connectWs(server: Pick<TestServer, 'wsUrl'>, token?: string, retryDelayMs = 50, protocol?: number): WsClient {
  const ws = createWSClient({
    url: server.wsUrl,
    connectionParams: token ? { token, ...(protocol === undefined ? {} : { protocol: String(protocol) }) } : null,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => retryDelayMs,
  });
  return { client: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }), ws, close: () => ws.close() };
}

export function connectHttp(server: Pick<TestServer, 'url'>, token?: string): Client {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

let userCounter = 0;

/** Registers a fresh user and returns its WebSocket client. */
export async function signUp(server: TestServer, name = 'user'): Promise<WsClient & { token: string; user: { id: string; username: string; displayName: string } }> {
  const username = `${name}${++userCounter}_${process.pid}`.toLowerCase().slice(0, 32);
  const { token, user } = await connectHttp(server).auth.register.mutate({ username, password: 'correct horse battery' });
  return { ...connectWs(server, token), token, user };
}

/** Polls until `check` passes or the time is up; for waiting on live deliveries. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export async function roomByName(client: Client, name: string) {
  const room = (await client.room.list.query()).find((r) => r.name === name);
  if (!room) throw new Error(`no room named ${name}`);
  return room;
}
