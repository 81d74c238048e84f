import { connect, createServer, type Socket } from 'node:net';

export interface NetworkControl {
  /** The app's address through the proxy: open the page here. */
  url: string;
  /** Cuts every connection; new ones are held, unanswered, until `restore`. */
  drop(): void;
  /** Lets the held connections (and every new one) through to the server. */
  restore(): void;
  /** Date.now() when the page's first tRPC socket after `restore` reached the server; null before. */
  reconnectedAt(): number | null;
  close(): Promise<void>;
}

const isTrpcSocket = (chunk: Buffer) => chunk.toString('latin1', 0, 9) === 'GET /trpc';

/**
 * A TCP proxy in front of the app's server, so the bench can take the page's network away
 * and give it back. Bytes are piped untouched: playwright's routeWebSocket would relay each
 * frame through the page's own main thread (it patches WebSocket in the page), which is the
 * very thread being measured, at some milliseconds per frame.
 *
 * While dropped, connection attempts are held rather than refused, as a network that is
 * down but comes back: an attempt still pending at `restore` goes through at once. One the
 * app gave up on meanwhile is retried on the app's backoff, which is why the time of the
 * reconnection is kept apart from the time of the restore.
 */
export async function startProxy(target: string): Promise<NetworkControl> {
  const { hostname, port } = new URL(target);
  let dropped = false;
  let watching = false;
  let reconnectedAt: number | null = null;
  const sockets = new Set<Socket>();
  const held = new Set<() => void>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    const pending: Buffer[] = [];
    let upstream: Socket | null = null;
    const forward = (chunk: Buffer) => {
      if (watching && reconnectedAt === null && isTrpcSocket(chunk)) reconnectedAt = Date.now();
      upstream?.write(chunk);
    };
    const through = () => {
      held.delete(through);
      if (client.destroyed) return;
      upstream = connect(Number(port), hostname);
      track(upstream);
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      for (const chunk of pending.splice(0)) forward(chunk);
    };
    client.on('data', (chunk: Buffer) => (upstream ? forward(chunk) : pending.push(chunk)));
    client.on('close', () => {
      held.delete(through);
      upstream?.destroy();
    });
    if (dropped) held.add(through);
    else through();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    drop() {
      dropped = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      dropped = false;
      watching = true;
      reconnectedAt = null;
      for (const through of [...held]) through();
    },
    reconnectedAt: () => reconnectedAt,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
