import { WebSocket } from 'ws';
import { waitUntil } from './time.ts';
import type { Target } from './target.ts';

/** What the server answered to one call: 'data', 'started', 'stopped', or the error's code. */
export type Outcome = string;

interface Frame {
  id?: unknown;
  result?: { type?: string };
  error?: { data?: { code?: string } };
}

/**
 * A WebSocket that speaks tRPC's wire format by hand, so an attack can send any frame (thousands
 * of calls at once, a megabyte of padding) and see every frame, close code or refusal that
 * comes back.
 */
export class WsRecorder {
  readonly frames: string[] = [];
  /** The first outcome of each call, by id. */
  readonly outcomes = new Map<unknown, Outcome>();
  closeCode: number | null = null;
  /** The HTTP status that refused the upgrade, if it was refused. */
  refusedStatus: number | null = null;
  /** True once open; false if it closed or was refused first. */
  readonly opened: Promise<boolean>;
  private readonly socket: WebSocket;

  /** With a token it signs in as tRPC's client does: `?connectionParams=1`, then a first message. */
  constructor(target: Target, opts: { address: string; token?: string }) {
    const url = opts.token ? `${target.wsUrl}?connectionParams=1` : target.wsUrl;
    const socket = (this.socket = new WebSocket(url, { localAddress: opts.address }));
    socket.on('message', (data) => this.received(String(data)));
    socket.on('error', () => {});
    socket.on('unexpected-response', (_req, res) => {
      this.refusedStatus = res.statusCode ?? null;
      res.resume();
      // What ws does itself without this listener: abort the handshake, then emit 'close'.
      socket.terminate();
    });
    socket.on('close', (code) => (this.closeCode = code));
    this.opened = new Promise((resolve) => {
      socket.once('open', () => {
        if (opts.token) socket.send(JSON.stringify({ method: 'connectionParams', data: { token: opts.token } }));
        resolve(true);
      });
      socket.once('close', () => resolve(false));
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  get isClosed(): boolean {
    return this.socket.readyState === WebSocket.CLOSED;
  }

  send(frame: string | Buffer): void {
    if (this.isOpen) this.socket.send(frame);
  }

  /** Sends calls as one frame (a JSON array, as tRPC's client batches them). */
  sendCalls(calls: object[]): void {
    this.send(JSON.stringify(calls));
  }

  /** Closes (if still open) and waits for the socket to be gone. */
  async close(): Promise<void> {
    if (!this.isClosed) this.socket.terminate();
    await waitUntil(() => this.isClosed, 1000);
  }

  private received(text: string): void {
    this.frames.push(text);
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      return;
    }
    if (this.outcomes.has(frame.id)) return;
    const outcome = frame.error ? (frame.error.data?.code ?? 'error') : frame.result?.type;
    if (outcome) this.outcomes.set(frame.id, outcome);
  }
}

/** `n` tRPC messages of one kind, with ids 1…n. */
export function calls(n: number, method: 'query' | 'subscription', path: string, input: (i: number) => unknown = () => undefined): object[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, method, params: { path, input: input(i) } }));
}
