import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { sleep, waitUntil } from './time.ts';

/** Where the canary and the prober connect from; attacks never use it. */
export const CANARY_ADDRESS = '127.0.0.1';

let lastAddress = 1;

/**
 * A loopback address no attack has used yet (127.0.0.2, 127.0.0.3, …; all of 127/8 is
 * loopback on Linux), so that each attack meets the per-address limits on its own and never
 * spends the canary's.
 */
export function nextAddress(): string {
  for (;;) {
    lastAddress++;
    const last = lastAddress & 255;
    if (last !== 0 && last !== 255) return `127.${(lastAddress >> 16) & 255}.${(lastAddress >> 8) & 255}.${last}`;
  }
}

export interface Origin {
  host: string;
  port: number;
}

/**
 * A TCP connection that writes exactly the bytes it is given (a half-sent body, a header one
 * byte at a time, a hand-made WebSocket frame) and keeps everything it receives.
 */
export class RawConnection {
  private readonly chunks: Buffer[] = [];
  private readonly openedAt = Date.now();
  /** When the connection closed, in ms after it opened; null while it is open. */
  closedAfterMs: number | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    // A reset is an outcome like any other close: it shows in closedAfterMs.
    socket.on('error', () => {});
    socket.on('close', () => (this.closedAfterMs = Date.now() - this.openedAt));
  }

  static open(origin: Origin, localAddress: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: origin.host, port: origin.port, localAddress });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedAfterMs !== null;
  }

  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** The status of the first HTTP response, once its status line has arrived. */
  status(): number | null {
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(this.received.subarray(0, 16).toString('latin1'));
    return match ? Number(match[1]) : null;
  }

  /**
   * Resolves once the bytes are handed to the kernel, so a writer keeps pace with a reader;
   * false once closed, or when the server has stopped reading for `timeoutMs`.
   */
  write(data: string | Buffer, timeoutMs = 5000): Promise<boolean> {
    if (this.closed || this.socket.destroyed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.socket.write(data, (err) => {
        clearTimeout(timer);
        resolve(!err);
      });
    });
  }

  /** Waits for an answer and for the server to close the connection; true if both happened in time. */
  answeredAndClosed(timeoutMs: number): Promise<boolean> {
    return waitUntil(() => this.status() !== null && this.closed, timeoutMs);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** An HTTP/1.1 request head, as a client would send it. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: 'chat', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** Writes `body` in `pieces` parts `everyMs` apart; stops early (false) if the server closes. */
export async function dribble(conn: RawConnection, body: Buffer, pieces: number, everyMs: number): Promise<boolean> {
  const size = Math.ceil(body.length / pieces);
  for (let at = 0; at < body.length; at += size) {
    if (at > 0) await sleep(everyMs);
    if (!(await conn.write(body.subarray(at, at + size)))) return false;
  }
  return true;
}

export interface Reply {
  /** null when no answer came: the connection failed or `timeoutMs` passed. */
  status: number | null;
  headers: IncomingHttpHeaders;
  body: Buffer;
  error: string | null;
}

export interface RequestOptions {
  address: string;
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** One HTTP request on a connection of its own from `address`; never throws. */
export function request(origin: Origin, opts: RequestOptions): Promise<Reply> {
  return new Promise((resolve) => {
    const req: ClientRequest = httpRequest({
      host: origin.host,
      port: origin.port,
      method: opts.method ?? 'GET',
      path: opts.path,
      headers: opts.headers,
      localAddress: opts.address,
      agent: false,
    });
    let settled = false;
    const finish = (reply: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(reply);
    };
    const failed = (error: string) => finish({ status: null, headers: {}, body: Buffer.alloc(0), error });
    const timer = setTimeout(() => failed('timeout'), opts.timeoutMs ?? 10_000);
    req.on('error', (err: NodeJS.ErrnoException) => failed(err.code ?? err.message));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const done = (error: string | null) => finish({ status: res.statusCode ?? null, headers: res.headers, body: Buffer.concat(chunks), error });
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null));
      res.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    });
    req.end(opts.body);
  });
}

/** `fetch` from a given source address, for tRPC's HTTP link (Node's own fetch cannot choose one). */
export function fetchFrom(address: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const reply = await request(
      { host: url.hostname, port: Number(url.port) },
      {
        address,
        method: init?.method ?? 'GET',
        path: url.pathname + url.search,
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: typeof init?.body === 'string' ? init.body : undefined,
      },
    );
    if (reply.status === null) throw new TypeError(`fetch failed: ${reply.error}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) if (typeof value === 'string') headers.set(name, value);
    return new Response(reply.body, { status: reply.status, headers });
  };
}
