import type WebSocket from 'ws';
import { openSocket } from './socket.ts';

interface Reply {
  id?: number;
  result?: { type: string; data?: unknown };
  error?: { message: string; data?: { code?: string } };
}

/**
 * tRPC v11's WebSocket protocol spoken directly (the wire format of the public contract):
 * `connectionParams` first, then `{id, method, params}` requests. Subscription data frames are
 * handed over as raw strings so the hot path never parses JSON it does not need.
 */
export class TrpcSocket {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly subs = new Map<number, (frame: string) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(String(data)));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('socket closed'));
      this.pending.clear();
    });
  }

  static async open(wsBase: string, token: string): Promise<TrpcSocket> {
    const socket = await openSocket(`${wsBase}/trpc?connectionParams=1`);
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    return new TrpcSocket(socket);
  }

  request(method: 'query' | 'mutation', path: string, input: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params: { path, input } }));
    });
  }

  /** Resolves when the server answered `started`. */
  subscribe(path: string, input: unknown, onData: (frame: string) => void, lastEventId?: string): Promise<unknown> {
    const id = this.nextId++;
    this.subs.set(id, onData);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method: 'subscription', params: { path, input, lastEventId } }));
    });
  }

  close(): void {
    this.socket.close();
  }

  private onFrame(frame: string): void {
    if (frame === 'PING') return void this.socket.send('PONG');
    // A subscription's event frames are long (a whole message); its control frames
    // (`started`, `stopped`, errors) are short or start with "error". Key order is not relied on.
    const id = Number(/^\{"id":(\d+),/.exec(frame)?.[1]);
    const sub = this.subs.get(id);
    if (sub && frame.length > 200 && !frame.startsWith(`{"id":${id},"error"`)) return sub(frame);
    const reply = JSON.parse(frame) as Reply;
    if (reply.id === undefined) return;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if (reply.error) {
      this.pending.delete(reply.id);
      waiting.reject(new Error(`${reply.error.data?.code ?? 'ERROR'}: ${reply.error.message}`));
    } else if (reply.result?.type === 'data' || reply.result?.type === 'started') {
      this.pending.delete(reply.id);
      waiting.resolve(reply.result.data);
    }
  }
}

/** The tracked event id (`result.id`) of a subscription data frame. */
export const trackedId = (frame: string): string | null => (JSON.parse(frame) as { result?: { id?: string } }).result?.id ?? null;
