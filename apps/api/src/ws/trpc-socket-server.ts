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
import { isOverloaded } from '../live/back-pressure.ts';
import { sendBatched } from './batched-send.ts';
import { frameHead, frameTail } from './direct-frames.ts';
import { startKeepAlive, type KeepAliveOptions } from './keep-alive.ts';
import { PushSubscription, type EventSink } from '../live/push-subscription.ts';
import { SubscriptionSlots, type Running } from './subscription-slots.ts';

type Id = string | number;
type ProcedureType = 'query' | 'mutation' | 'subscription';

/** One call of a frame, as the client sent it. */
interface Call {
  id: Id;
  jsonrpc: '2.0' | undefined;
  path: string;
  input: unknown;
  batchIndex: number;
}

export interface ContextSource {
  req: IncomingMessage;
  res: WebSocket;
  info: { connectionParams: Record<string, string> | null };
}

export interface SocketLimits {
  /** More calls in one frame close the socket (1008). */
  maxCallsPerFrame: number;
  /** Queries and mutations running at once; calls beyond are answered TOO_MANY_REQUESTS. */
  maxCallsInFlight: number;
  /** Subscriptions asked for and running; more are answered TOO_MANY_REQUESTS. */
  maxSubscriptions: number;
}

export interface TrpcSocketServerOptions<TRouter extends AnyRouter> {
  wss: WebSocketServer;
  router: TRouter;
  createContext(source: ContextSource): Promise<inferRouterContext<TRouter>>;
  limits: SocketLimits;
  /** Two subscriptions with the same key may not run on one connection at once. */
  subscriptionKey(path: string, input: unknown): string;
  /** The context is made: a reason closes the socket (1008) with it, null keeps it open. */
  admit?(ctx: inferRouterContext<TRouter>, socket: WebSocket): string | null;
  onError?(opts: { error: TRPCError; path?: string }): void;
  /** A client broke the WebSocket protocol (a reserved bit, bad UTF-8, a frame too large); ws closes the socket. */
  onProtocolError?(error: Error): void;
  /** A socket closed; `ctx` is its context, if it got one. */
  onClosed?(ctx: inferRouterContext<TRouter> | undefined, socket: WebSocket): void;
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

class Connection<TRouter extends AnyRouter> {
  /** Settles once the context exists: at once, or after the `connectionParams` message. */
  private context: Promise<inferRouterContext<TRouter>> | null = null;
  private ctx: inferRouterContext<TRouter> | undefined = undefined;
  /** Kept only until the context exists. */
  private req: IncomingMessage | null;
  private subscriptions: SubscriptionSlots | null = null;
  private callsInFlight = 0;
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
    if (messages.length > this.opts.limits.maxCallsPerFrame) {
      return this.socket.close(1008, `more than ${this.opts.limits.maxCallsPerFrame} calls in one frame`);
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
      const refusal = this.opts.admit?.(this.ctx, this.socket) ?? null;
      if (refusal !== null) this.socket.close(1008, refusal);
      return this.ctx;
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.respondError(null, undefined, error);
      setImmediate(() => this.socket.close());
      throw error;
    } finally {
      this.makingContext = false;
      // Closed while the context was made: what it holds (presence) is released now.
      if (this.closedEarly) this.opts.onClosed?.(this.ctx, this.socket);
    }
  }

  private handle(message: TRPCClientOutgoingMessage, batchIndex: number): void {
    const { id, jsonrpc } = message;
    if (id === null) {
      return this.respondError(null, undefined, new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' }), jsonrpc);
    }
    if (message.method === 'subscription.stop') return this.stopSubscription(id, jsonrpc);
    const { path, lastEventId } = message.params;
    let input = message.params.input;
    if (lastEventId !== undefined) input = isObject(input) ? { ...input, lastEventId } : (input ?? { lastEventId });
    const call: Call = { id, jsonrpc, path, input, batchIndex };
    if (message.method === 'subscription') void this.subscribe(call);
    else void this.answer(call, message.method);
  }

  private async answer(call: Call, type: 'query' | 'mutation'): Promise<void> {
    const { id, jsonrpc, path, input } = call;
    if (this.callsInFlight >= this.opts.limits.maxCallsInFlight) {
      const message = `at most ${this.opts.limits.maxCallsInFlight} calls at once per connection`;
      return this.respondError(id, path, new TRPCError({ code: 'TOO_MANY_REQUESTS', message }), jsonrpc, type, input);
    }
    this.callsInFlight++;
    try {
      const result = await this.call(call, type, undefined);
      if (isAsyncIterable(result)) throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `a ${type} cannot return a stream` });
      this.respond({ id, jsonrpc, result: { type: 'data', data: result } });
    } catch (cause) {
      this.respondError(id, path, getTRPCErrorFromUnknown(cause), jsonrpc, type, input);
    } finally {
      this.callsInFlight--;
    }
  }

  private async subscribe(call: Call): Promise<void> {
    const { id, jsonrpc, path, input } = call;
    const subscriptions = (this.subscriptions ??= new SubscriptionSlots(this.opts.limits.maxSubscriptions));
    try {
      const slot = subscriptions.reserve(id, this.opts.subscriptionKey(path, input), path);
      // Only subscriptions get a signal: an iterated one ends when it fires.
      const abort = new AbortController();
      let result: unknown;
      try {
        result = await this.call(call, 'subscription', abort.signal);
        if (!isAsyncIterable(result)) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `subscription ${path} returned no stream` });
      } catch (err) {
        subscriptions.failed(id, slot);
        throw err;
      }
      // A PushSubscription is an async iterable too.
      const running: Running = result instanceof PushSubscription ? result : { stop: () => abort.abort() };
      // Stopped while its procedure ran, or the socket went away meanwhile.
      if (this.socket.readyState !== this.socket.OPEN || !subscriptions.started(id, slot, running)) return running.stop();
      this.respond({ id, jsonrpc, result: { type: 'started' } });
      const sink = new SocketSink(this, id, jsonrpc, path, running);
      if (result instanceof PushSubscription) result.start(sink);
      else void this.iterate(result, sink, abort);
    } catch (cause) {
      this.respondError(id, path, getTRPCErrorFromUnknown(cause), jsonrpc, 'subscription', input);
    }
  }

  private async call(call: Call, type: ProcedureType, signal: AbortSignal | undefined): Promise<unknown> {
    const ctx = await (this.context as Promise<inferRouterContext<TRouter>>);
    return callTRPCProcedure({
      router: this.opts.router,
      path: call.path,
      getRawInput: resolved(call.input),
      ctx,
      type,
      signal,
      batchIndex: call.batchIndex,
    });
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
    const running = this.subscriptions?.release(id);
    if (running === undefined) return;
    running?.stop();
    this.respond({ id, jsonrpc, result: { type: 'stopped' } });
  }

  /** A subscription that ended by itself gives up its slot. */
  forget(id: Id, running: Running): void {
    this.subscriptions?.release(id, running);
  }

  closed(): void {
    this.registry.delete(this);
    this.subscriptions?.stopAll();
    this.subscriptions = null;
    if (this.makingContext) this.closedEarly = true;
    else this.opts.onClosed?.(this.ctx, this.socket);
  }

  respond(message: TRPCResponseMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    sendBatched(this.socket, serialize(this.opts.router, message));
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
    private readonly running: Running,
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
    this.connection.forget(this.id, this.running);
    if (error === undefined) this.connection.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'stopped' } });
    else this.connection.respondError(this.id, this.path, getTRPCErrorFromUnknown(error), this.jsonrpc, 'subscription');
  }
}

const connectionOf = new WeakMap<WebSocket, Connection<AnyRouter>>();

/** Whether a router's transformer leaves data as it is (none was given): checked once per router. */
const plainRouters = new WeakMap<AnyRouter, boolean>();

/** A response as JSON; tRPC's transformTRPCResponse copies it four times even when there is nothing to transform. */
function serialize(router: AnyRouter, message: TRPCResponseMessage): string {
  let plain = plainRouters.get(router);
  if (plain === undefined) {
    const probe = {};
    plain = router._def._config.transformer.output.serialize(probe) === probe;
    plainRouters.set(router, plain);
  }
  return JSON.stringify(plain ? message : transformTRPCResponse(router._def._config, message));
}

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  connectionOf.get(this)?.receive(data, isBinary);
}

// Without a listener, a malformed frame ("RSV2 and RSV3 must be clear") would crash the process.
function onError(this: WebSocket, cause: Error): void {
  connectionOf.get(this)?.opts.onProtocolError?.(cause);
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
