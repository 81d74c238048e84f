import type { IncomingMessage } from 'node:http';
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  transformTRPCResponse,
  TRPCError,
  type AnyRouter,
  type inferRouterContext,
} from '@trpc/server';
import { parseConnectionParamsFromUnknown } from '@trpc/server/http';
import { parseTRPCMessage, type TRPCClientOutgoingMessage, type TRPCResponseMessage } from '@trpc/server/rpc';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { isOverloaded } from './back-pressure.ts';
import { sendBatched } from './batched-send.ts';
import { frameHead, frameTail } from './direct-frames.ts';
import { startKeepAlive, type KeepAliveOptions } from './keep-alive.ts';
import { PushSubscription, type EventSink } from './push-subscription.ts';

type Id = string | number;
type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface ContextSource {
  req: IncomingMessage;
  res: WebSocket;
  info: { connectionParams: Record<string, string> | null };
}

export interface TrpcSocketServerOptions<TRouter extends AnyRouter> {
  wss: WebSocketServer;
  router: TRouter;
  createContext(source: ContextSource): Promise<inferRouterContext<TRouter>>;
  onError?(opts: { error: TRPCError; path?: string }): void;
  /** A socket closed; `ctx` is its context, if it got one. */
  onClosed?(ctx: inferRouterContext<TRouter> | undefined): void;
  /** A subscriber that stopped reading was cut off (it resumes from its lastEventId). */
  onSlowConsumer?(info: { bufferedAmount: number; held: number }): void;
  keepAlive: KeepAliveOptions;
}

/**
 * tRPC's WebSocket protocol (the wire format its `wsLink` speaks), served by us instead of
 * tRPC's own adapter. The adapter keeps per connection and per subscription a set of closures,
 * promises, abort signals, timers and the whole upgrade request: about 15 KB for each idle
 * subscriber, four times what the socket itself costs. Here a connection is one object, its
 * keep-alive is one timer for all sockets, and a subscription that pushes (PushSubscription)
 * is written to its socket directly. Procedures are still called through tRPC
 * (`callProcedure`: middleware, input validation, error shapes), so every procedure behaves
 * exactly as over HTTP.
 */
export function serveTrpcSockets<TRouter extends AnyRouter>(opts: TrpcSocketServerOptions<TRouter>) {
  const connections = new Set<Connection<TRouter>>();
  const stopKeepAlive = startKeepAlive(connections, opts.keepAlive);
  opts.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    connections.add(new Connection(opts, socket, req, connections));
  });
  return {
    /** Asks clients to reconnect (to this address once it is back, or to another node). */
    broadcastReconnectNotification(): void {
      const frame = JSON.stringify({ id: null, method: 'reconnect' });
      for (const { socket } of connections) if (socket.readyState === socket.OPEN) socket.send(frame);
    },
    close: stopKeepAlive,
  };
}

/** What a running subscription needs to be stopped from outside. */
interface Running {
  stop(): void;
}

class Connection<TRouter extends AnyRouter> {
  /** Settles once the context exists: at once, or after the `connectionParams` message. */
  private context: Promise<inferRouterContext<TRouter>> | null = null;
  private ctx: inferRouterContext<TRouter> | undefined = undefined;
  /** Kept only until the context exists. */
  private req: IncomingMessage | null;
  private subscriptions: Map<Id, Running> | null = null;
  private makingContext = false;
  /** The socket closed while its context was being made. */
  private closedEarly = false;
  /** For the keep-alive sweep. */
  lastSeen = Date.now();
  pingedAt: number | null = null;

  constructor(
    readonly opts: TrpcSocketServerOptions<TRouter>,
    readonly socket: WebSocket,
    req: IncomingMessage,
    private readonly registry: Set<Connection<TRouter>>,
  ) {
    this.req = req;
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.get('connectionParams') !== '1') this.startContext(null);
    // Shared listeners (`this` is the socket) rather than three closures per connection.
    connectionOf.set(socket, this);
    socket.on('message', onMessage);
    socket.on('error', onError);
    socket.on('close', onClose);
  }

  receive(data: RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    this.pingedAt = null;
    const text = isBinary ? null : String(data);
    if (text === 'PONG') return;
    if (text === 'PING') return void this.socket.send('PONG');
    if (text === null) return this.respondError(null, undefined, new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'expected a text frame' }));
    if (!this.context) return this.startContext(text);
    let messages: TRPCClientOutgoingMessage[];
    try {
      const json: unknown = JSON.parse(text);
      const transformer = this.opts.router._def._config.transformer;
      messages = (Array.isArray(json) ? json : [json]).map((raw) => parseTRPCMessage(raw, transformer));
    } catch (cause) {
      return this.respondError(null, undefined, new TRPCError({ code: 'PARSE_ERROR', cause }));
    }
    messages.forEach((message, batchIndex) => void this.handle(message, batchIndex));
  }

  private startContext(paramsMessage: string | null): void {
    this.context = this.createContext(paramsMessage);
    // A failure is answered (and the socket closed) by createContext, and again to each call.
    this.context.catch(() => {});
  }

  private async createContext(paramsMessage: string | null): Promise<inferRouterContext<TRouter>> {
    const req = this.req as IncomingMessage;
    this.req = null;
    this.makingContext = true;
    try {
      let connectionParams: Record<string, string> | null = null;
      if (paramsMessage !== null) {
        const message = parseParamsMessage(paramsMessage);
        connectionParams = parseConnectionParamsFromUnknown(message.data) as Record<string, string> | null;
      }
      this.ctx = await this.opts.createContext({ req, res: this.socket, info: { connectionParams } });
      return this.ctx;
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.respondError(null, undefined, error);
      setImmediate(() => this.socket.close());
      throw error;
    } finally {
      this.makingContext = false;
      // Closed while the context was made: what it holds (presence) is released now.
      if (this.closedEarly) this.opts.onClosed?.(this.ctx);
    }
  }

  private async handle(message: TRPCClientOutgoingMessage, batchIndex: number): Promise<void> {
    const { id, jsonrpc } = message;
    if (id === null) {
      return this.respondError(null, undefined, new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' }), jsonrpc);
    }
    if (message.method === 'subscription.stop') return this.stopSubscription(id, jsonrpc);
    const type: ProcedureType = message.method;
    const { path, lastEventId } = message.params;
    let input = message.params.input;
    if (lastEventId !== undefined) input = isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
    try {
      const ctx = await (this.context as Promise<inferRouterContext<TRouter>>);
      // Only subscriptions get a signal: an iterated one ends when it fires.
      const abort = type === 'subscription' ? new AbortController() : null;
      const result: unknown = await callTRPCProcedure({
        router: this.opts.router,
        path,
        getRawInput: resolved(input),
        ctx,
        type,
        signal: abort?.signal,
        batchIndex,
      });
      // A PushSubscription is an async iterable too.
      const isStream = isAsyncIterable(result);
      if (!abort) {
        if (isStream) throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `a ${type} cannot return a stream` });
        return this.respond({ id, jsonrpc, result: { type: 'data', data: result } });
      }
      if (!isStream) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `subscription ${path} returned no stream` });
      const running: Running = result instanceof PushSubscription ? result : { stop: () => abort.abort() };
      const subscriptions = (this.subscriptions ??= new Map());
      if (this.socket.readyState !== this.socket.OPEN || subscriptions.has(id)) {
        running.stop();
        if (subscriptions.has(id)) throw new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` });
        return;
      }
      this.respond({ id, jsonrpc, result: { type: 'started' } });
      subscriptions.set(id, running);
      const sink = new SocketSink(this, id, jsonrpc, path);
      if (result instanceof PushSubscription) result.start(sink);
      else void this.iterate(result, sink, abort);
    } catch (cause) {
      this.respondError(id, path, getTRPCErrorFromUnknown(cause), jsonrpc, type, input);
    }
  }

  /**
   * An ordinary subscription (an async generator): its procedure ends it when the abort
   * signal it was given fires, so no race against a stop promise is needed per event.
   */
  private async iterate(iterable: AsyncIterable<unknown>, sink: SocketSink<TRouter>, abort: AbortController): Promise<void> {
    try {
      for await (const value of iterable) {
        if (abort.signal.aborted) break;
        if (isTrackedEnvelope(value)) sink.pushAny(value[0], value[1]);
        else sink.respondData(value);
      }
      if (!abort.signal.aborted) sink.end();
    } catch (cause) {
      if (!abort.signal.aborted) sink.end(cause);
    }
  }

  private stopSubscription(id: Id, jsonrpc: '2.0' | undefined): void {
    const running = this.subscriptions?.get(id);
    if (!running) return;
    this.subscriptions?.delete(id);
    running.stop();
    this.respond({ id, jsonrpc, result: { type: 'stopped' } });
  }

  forget(id: Id): void {
    this.subscriptions?.delete(id);
  }

  closed(): void {
    this.registry.delete(this);
    for (const running of this.subscriptions?.values() ?? []) running.stop();
    this.subscriptions = null;
    if (this.makingContext) this.closedEarly = true;
    else this.opts.onClosed?.(this.ctx);
  }

  respond(message: TRPCResponseMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    sendBatched(this.socket, JSON.stringify(transformTRPCResponse(this.opts.router._def._config, message)));
  }

  respondError(id: Id | null, path: string | undefined, error: TRPCError, jsonrpc?: '2.0', type: ProcedureType | 'unknown' = 'unknown', input?: unknown): void {
    this.opts.onError?.({ error, path });
    const shape = getErrorShape({ config: this.opts.router._def._config, error, type, path, input, ctx: this.ctx });
    this.respond({ id, jsonrpc, error: shape });
  }

  /** Cuts off a subscriber that stopped reading: a resumed subscription loses nothing. */
  guard(held: number): void {
    const { socket } = this;
    if (socket.readyState !== socket.OPEN || !isOverloaded(socket, held)) return;
    this.opts.onSlowConsumer?.({ bufferedAmount: socket.bufferedAmount, held });
    socket.terminate();
  }
}

/** One subscription's frames on its connection's socket. */
class SocketSink<TRouter extends AnyRouter> implements EventSink<object> {
  /** The start of every event frame of this subscription (`{"id":…`). */
  private readonly head: string;

  constructor(
    private readonly connection: Connection<TRouter>,
    private readonly id: Id,
    private readonly jsonrpc: '2.0' | undefined,
    private readonly path: string,
  ) {
    this.head = frameHead(id, jsonrpc);
  }

  push(eventId: string, data: object): void {
    const { socket } = this.connection;
    if (socket.readyState !== socket.OPEN) return;
    sendBatched(socket, this.head + frameTail(eventId, data));
    this.connection.guard(0);
  }

  /** A tracked event from an iterated subscription, whose data may be any JSON value. */
  pushAny(eventId: string, data: unknown): void {
    if (isObject(data)) return this.push(eventId, data);
    this.connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'data', id: eventId, data: { id: eventId, data } } });
  }

  respondData(data: unknown): void {
    this.connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'data', data } });
  }

  holding(count: number): void {
    this.connection.guard(count);
  }

  end(error?: unknown): void {
    this.connection.forget(this.id);
    if (error === undefined) this.connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'stopped' } });
    else this.connection.respondError(this.id, this.path, getTRPCErrorFromUnknown(error), this.jsonrpc, 'subscription');
  }
}

const connectionOf = new WeakMap<WebSocket, Connection<AnyRouter>>();

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  connectionOf.get(this)?.receive(data, isBinary);
}

// Without a listener, a malformed frame ("RSV2 and RSV3 must be clear") would crash the process.
function onError(this: WebSocket, cause: Error): void {
  connectionOf.get(this)?.opts.onError?.({ error: getTRPCErrorFromUnknown(cause) });
}

function onClose(this: WebSocket): void {
  connectionOf.get(this)?.closed();
}

function parseParamsMessage(text: string): { data?: unknown } {
  try {
    const message: unknown = JSON.parse(text);
    if (!isObject(message)) throw new Error('not an object');
    return message;
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed TRPCConnectionParamsMessage', cause });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Not inline: tsx (keepNames) would give an inline arrow its property's name on every call. */
const resolved = (input: unknown) => () => Promise.resolve(input);

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
