import { WebSocket } from 'ws';

/** A frame as received: parsed JSON, or the text itself for the keep-alive words PING and PONG. */
export type Frame = unknown;

type CallParams = { path: string; input?: unknown; lastEventId?: string };

/**
 * The messages tRPC's wsLink (@trpc/client 11) writes, built the way it builds them: no
 * `jsonrpc`, `params.input` and `params.lastEventId` left out when undefined, and the
 * `lastEventId` of a resubscription in params (it copies the last tracked id there).
 */
export const wire = {
  query: (id: number, path: string, input?: unknown) => ({ id, method: 'query', params: { input, path } }),
  mutation: (id: number, path: string, input?: unknown) => ({ id, method: 'mutation', params: { input, path } }),
  subscription: (id: number, { path, input, lastEventId }: CallParams) => ({ id, method: 'subscription', params: { input, path, lastEventId } }),
  stop: (id: number) => ({ id, method: 'subscription.stop' }),
};

export interface OpenOptions {
  /**
   * What packages/client and the web app give `createWSClient`: a function, so wsLink always
   * adds `?connectionParams=1` and sends `{ method: 'connectionParams', data }` first, with
   * `data` null when signed out. Left out: no connectionParams at all (plain URL).
   */
  connectionParams?: Record<string, unknown> | null;
  /** Sent as is instead of a connectionParams message built from `connectionParams`. */
  rawParamsMessage?: string;
  headers?: Record<string, string>;
}

/** A raw WebSocket to one server that records every frame it is sent, and how it closed. */
export class WireClient {
  readonly frames: Frame[] = [];
  /** The close code, once the socket closed (by either side). */
  closeCode: number | null = null;
  private readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = String(data);
      this.frames.push(!isBinary && (text === 'PING' || text === 'PONG') ? text : JSON.parse(text));
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve((this.closeCode = code))));
  }

  static async open(wsUrl: string, opts: OpenOptions = {}): Promise<WireClient> {
    const withParams = 'connectionParams' in opts || opts.rawParamsMessage !== undefined;
    const socket = new WebSocket(withParams ? `${wsUrl}?connectionParams=1` : wsUrl, { headers: opts.headers });
    const client = new WireClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    if (withParams) socket.send(opts.rawParamsMessage ?? JSON.stringify({ method: 'connectionParams', data: opts.connectionParams }));
    return client;
  }

  /** One message, or several in one frame (an array), as wsLink batches what is asked in one tick. */
  send(...messages: object[]): void {
    this.socket.send(JSON.stringify(messages.length === 1 ? messages[0] : messages));
  }

  sendText(text: string): void {
    this.socket.send(text);
  }

  /** The frames answering call `id`, in the order they came. */
  framesOf(id: number | null): Frame[] {
    return this.frames.filter((frame) => isRecord(frame) && frame.id === id);
  }

  /** Waits until `count` frames answer `id` (or the socket closed); returns them. */
  async waitFor(id: number | null, count = 1): Promise<Frame[]> {
    await this.until(() => this.framesOf(id).length >= count || this.closeCode !== null, `${count} frames with id ${id}`);
    return this.framesOf(id);
  }

  /** Waits until `check` passes; throws with every frame so far if it does not within `timeoutMs`. */
  async until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`waited for ${what}; got ${JSON.stringify(this.frames)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Waits for `ms` more: a frame a server should not send (one event too many, a late error) lands in `frames`. */
  async settle(ms = 150): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Closes from the client side and waits for the close, as wsLink's `close()` does. */
  async close(): Promise<number> {
    if (this.closeCode === null) this.socket.close();
    return this.closed;
  }

  /** Resolves with the close code once the server closed the socket. */
  whenClosed(): Promise<number> {
    return this.closed;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
