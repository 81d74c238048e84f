import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { PushSubscription, type EventSink } from '../live/push-subscription.ts';
import { serveTrpcSockets } from './trpc-socket-server.ts';

/** Counts from after `from`, one event per tick up to `to`, then waits. */
class Counting extends PushSubscription<{ n: number }> {
  static stopped = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    super();
  }

  start(sink: EventSink<{ n: number }>): void {
    let n = this.from;
    this.timer = setInterval(() => (n < this.to ? sink.push(String(++n), { n }) : null), 5);
  }

  stop(): void {
    Counting.stopped++;
    if (this.timer) clearInterval(this.timer);
  }
}

interface Ctx {
  user: string | null;
}
const t = initTRPC.context<Ctx>().create();
let generatorsEnded = 0;
const router = t.router({
  whoami: t.procedure.query(({ ctx }) => ctx.user),
  slow: t.procedure.query(() => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 200))),
  shout: t.procedure.input(z.object({ text: z.string().min(1) })).mutation(({ input }) => input.text.toUpperCase()),
  count: t.procedure
    .input(z.object({ to: z.number(), lastEventId: z.string().nullish() }))
    .subscription(({ input }) => new Counting(Number(input.lastEventId ?? 0), input.to)),
  slowCount: t.procedure.input(z.object({ to: z.number() })).subscription(async ({ input }) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return new Counting(0, input.to);
  }),
  ticks: t.procedure.subscription(async function* ({ signal }) {
    try {
      yield 'one';
      yield 'two';
      await new Promise((resolve) => signal?.addEventListener('abort', resolve));
    } finally {
      generatorsEnded++;
    }
  }),
});

const contextsClosed: (Ctx | undefined)[] = [];
const protocolErrors: Error[] = [];
const errorCodes: string[] = [];
let contextDelayMs = 0;
let wss: WebSocketServer;
let server: ReturnType<typeof serveTrpcSockets>;
let url: string;

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  server = serveTrpcSockets({
    wss,
    router,
    createContext: async ({ info }) => {
      await new Promise((resolve) => setTimeout(resolve, contextDelayMs));
      return { user: info.connectionParams?.user ?? null };
    },
    limits: { maxCallsPerFrame: 8, maxCallsInFlight: 3, maxSubscriptions: 4 },
    subscriptionKey: (path, input) => `${path}:${JSON.stringify(input)}`,
    admit: (ctx) => (ctx.user === 'banned' ? 'not you' : null),
    onError: ({ error }) => errorCodes.push(error.code),
    onProtocolError: (err) => protocolErrors.push(err),
    onClosed: (ctx) => contextsClosed.push(ctx),
    keepAlive: { pingMs: 150, pongWaitMs: 150 },
  });
});

afterAll(async () => {
  server.close();
  for (const socket of wss.clients) socket.terminate();
  await new Promise((resolve) => wss.close(resolve));
});

afterEach(() => {
  contextDelayMs = 0;
});

function connect(user: string | null) {
  const ws = createWSClient({ url, connectionParams: user ? { user } : null, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  return { client: createTRPCClient<typeof router>({ links: [wsLink({ client: ws })] }), ws };
}

/** A raw socket: every frame it gets, parsed, except PING, and its close code once closed. */
async function rawSocket(path = '') {
  const socket = new WebSocket(url + path);
  const frames: unknown[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  socket.on('message', (data) => String(data) !== 'PING' && frames.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  return { socket, frames, closed };
}

const query = (id: number, path: string) => ({ id, method: 'query', params: { path } });
const subscription = (id: number, path: string, input: unknown) => ({ id, method: 'subscription', params: { path, input } });
const codeIn = (frame: unknown) => (frame as { error?: { data?: { code?: string } } }).error?.data?.code;

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

test("tRPC's own client calls queries and mutations, with connectionParams in the context and validation errors", async () => {
  const { client, ws } = connect('ada');
  expect(await client.whoami.query()).toBe('ada');
  expect(await client.shout.mutate({ text: 'hi' })).toBe('HI');
  await expect(client.shout.mutate({ text: '' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  await ws.close();
});

test('a push subscription streams tracked events, resumes after lastEventId, and is stopped on unsubscribe', async () => {
  const { client, ws } = connect(null);
  const got: { id: string; n: number }[] = [];
  const stoppedBefore = Counting.stopped;
  const sub = client.count.subscribe({ to: 5, lastEventId: '2' }, { onData: ({ id, data }) => got.push({ id, n: data.n }) });
  await until(() => got.length === 3);
  expect(got).toEqual([
    { id: '3', n: 3 },
    { id: '4', n: 4 },
    { id: '5', n: 5 },
  ]);
  sub.unsubscribe();
  await until(() => Counting.stopped === stoppedBefore + 1);
  await ws.close();
});

test('an async generator subscription delivers its values and ends when unsubscribed', async () => {
  const { client, ws } = connect(null);
  const got: string[] = [];
  const endedBefore = generatorsEnded;
  const sub = client.ticks.subscribe(undefined, { onData: (value) => got.push(value) });
  await until(() => got.length === 2);
  expect(got).toEqual(['one', 'two']);
  sub.unsubscribe();
  await until(() => generatorsEnded === endedBefore + 1);
  await ws.close();
});

test('closing a socket stops its subscriptions and hands its context to onClosed exactly once', async () => {
  const { socket, frames } = await rawSocket('?connectionParams=1');
  socket.send(JSON.stringify({ method: 'connectionParams', data: { user: 'bo' } }));
  socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'count', input: { to: 1000 } } }));
  await until(() => frames.length >= 3);
  const stoppedBefore = Counting.stopped;
  const closedBefore = contextsClosed.length;
  socket.close();
  await until(() => Counting.stopped === stoppedBefore + 1 && contextsClosed.length === closedBefore + 1);
  expect(contextsClosed.at(-1)).toEqual({ user: 'bo' });
});

test('a socket closed while its context is being made still has that context handed to onClosed', async () => {
  contextDelayMs = 100;
  const closedBefore = contextsClosed.length;
  const { socket } = await rawSocket();
  socket.close();
  await new Promise((r) => setTimeout(r, 30));
  expect(contextsClosed.length).toBe(closedBefore);
  await until(() => contextsClosed.length === closedBefore + 1);
  expect(contextsClosed.at(-1)).toEqual({ user: null });
});

test('protocol errors (a duplicate subscription id, a frame that is not JSON, a missing id), then a stop', async () => {
  const { socket, frames } = await rawSocket();
  const subscribe = JSON.stringify({ id: 7, method: 'subscription', params: { path: 'count', input: { to: 0 } } });
  socket.send(subscribe);
  await until(() => frames.length === 1);
  expect(frames[0]).toEqual({ id: 7, result: { type: 'started' } });
  socket.send(subscribe);
  socket.send('{not json');
  socket.send(JSON.stringify({ id: null, method: 'query', params: { path: 'whoami' } }));
  await until(() => frames.length === 4);
  socket.send(JSON.stringify({ id: 7, jsonrpc: '2.0', method: 'subscription.stop' }));
  await until(() => frames.length === 5);
  expect(frames.slice(1)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: 7, error: expect.objectContaining({ message: 'Duplicate id 7' }) }),
      expect.objectContaining({ id: null, error: expect.objectContaining({ data: expect.objectContaining({ code: 'PARSE_ERROR' }) }) }),
      expect.objectContaining({ id: null, error: expect.objectContaining({ message: '`id` is required' }) }),
      { id: 7, jsonrpc: '2.0', result: { type: 'stopped' } },
    ]),
  );
  socket.close();
});

test('keep-alive: a silent socket is sent PING and cut off if it does not answer; one that answers stays', async () => {
  const silent = new WebSocket(url);
  const answering = new WebSocket(url);
  answering.on('message', (data) => String(data) === 'PING' && answering.send('PONG'));
  let pinged = false;
  silent.on('message', (data) => (pinged ||= String(data) === 'PING'));
  const silentClosed = new Promise((resolve) => silent.once('close', resolve));
  await silentClosed;
  expect(pinged).toBe(true);
  expect(answering.readyState).toBe(WebSocket.OPEN);
  answering.close();
});

test('a malformed connectionParams message is answered with an error and the socket closed', async () => {
  const { socket, frames } = await rawSocket('?connectionParams=1');
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.send('{"method":"connectionParams","data":');
  await closed;
  expect(frames).toEqual([expect.objectContaining({ id: null, error: expect.objectContaining({ message: 'Malformed TRPCConnectionParamsMessage' }) })]);
  const { client, ws } = connect('still-up');
  expect(await client.whoami.query()).toBe('still-up');
  await ws.close();
});

test('a reconnect notification reaches every open socket', async () => {
  const { socket, frames } = await rawSocket();
  server.broadcastReconnectNotification();
  await until(() => frames.length === 1);
  expect(frames[0]).toEqual({ id: null, method: 'reconnect' });
  socket.close();
});

test('a push subscription is also an async iterable of tracked events, for any other transport', async () => {
  const stoppedBefore = Counting.stopped;
  const events: unknown[] = [];
  for await (const event of await t.createCallerFactory(router)({ user: null }).count({ to: 2 })) {
    events.push(event);
    if (events.length === 2) break;
  }
  expect(events).toEqual([
    ['1', { n: 1 }, expect.anything()],
    ['2', { n: 2 }, expect.anything()],
  ]);
  expect(Counting.stopped).toBe(stoppedBefore + 1);
});

test('a frame with more calls than the limit closes the socket (1008) and runs none of them', async () => {
  const { socket, frames, closed } = await rawSocket();
  socket.send(JSON.stringify(Array.from({ length: 9 }, (_, i) => query(i + 1, 'whoami'))));
  expect(await closed).toBe(1008);
  expect(frames).toEqual([]);
});

test('calls beyond the in-flight limit are answered TOO_MANY_REQUESTS; the others run', async () => {
  const { socket, frames } = await rawSocket();
  socket.send(JSON.stringify(Array.from({ length: 5 }, (_, i) => query(i + 1, 'slow'))));
  await until(() => frames.length === 5);
  const results = frames as { id: number; result?: { data: unknown } }[];
  expect(results.filter((f) => f.result?.data === 'done').map((f) => f.id).sort()).toEqual([1, 2, 3]);
  expect(frames.filter((f) => codeIn(f) === 'TOO_MANY_REQUESTS')).toHaveLength(2);
  // Finished calls free their places.
  socket.send(JSON.stringify(query(6, 'slow')));
  await until(() => frames.length === 6);
  expect(frames[5]).toEqual({ id: 6, result: { type: 'data', data: 'done' } });
  socket.close();
});

test('one subscription per key and at most the limit per connection; a stopped one frees its key', async () => {
  const { socket, frames } = await rawSocket();
  socket.send(JSON.stringify([subscription(1, 'count', { to: 0 }), subscription(2, 'count', { to: 0 })]));
  await until(() => frames.length === 2);
  expect(frames).toContainEqual({ id: 1, result: { type: 'started' } });
  expect(frames.find((f) => (f as { id: number }).id === 2)).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });
  // Other keys (the key here is the raw input), none of which sends an event.
  socket.send(JSON.stringify([1, 2, 3, 4].map((tag) => subscription(10 + tag, 'count', { to: 0, tag }))));
  await until(() => frames.length === 6);
  expect(frames.slice(2).filter((f) => codeIn(f) === 'TOO_MANY_REQUESTS')).toHaveLength(1);
  socket.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
  socket.send(JSON.stringify(subscription(20, 'count', { to: 0 })));
  await until(() => frames.length === 8);
  expect(frames.slice(6)).toEqual([{ id: 1, result: { type: 'stopped' } }, { id: 20, result: { type: 'started' } }]);
  socket.close();
});

test('a subscription stopped while its procedure runs is never started, and its key is free at once', async () => {
  const stoppedBefore = Counting.stopped;
  const { socket, frames } = await rawSocket();
  socket.send(JSON.stringify(subscription(1, 'slowCount', { to: 1000 })));
  socket.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
  socket.send(JSON.stringify(subscription(2, 'slowCount', { to: 1000 })));
  // The first one's stream is stopped as soon as its procedure returns it.
  await until(() => Counting.stopped > stoppedBefore && frames.length >= 3);
  expect(frames.slice(0, 2)).toEqual([{ id: 1, result: { type: 'stopped' } }, { id: 2, result: { type: 'started' } }]);
  expect(frames.slice(2).every((f) => (f as { id: number }).id === 2)).toBe(true);
  socket.close();
});

test('a context that is refused closes the socket with 1008 and its reason', async () => {
  const { socket, closed } = await rawSocket('?connectionParams=1');
  const reason = new Promise<string>((resolve) => socket.once('close', (_code, why) => resolve(String(why))));
  socket.send(JSON.stringify({ method: 'connectionParams', data: { user: 'banned' } }));
  expect(await closed).toBe(1008);
  expect(await reason).toBe('not you');
});

test('a frame that breaks the WebSocket protocol is a protocol error, not an internal one', async () => {
  const before = { protocol: protocolErrors.length, internal: errorCodes.filter((c) => c === 'INTERNAL_SERVER_ERROR').length };
  const { socket, closed } = await rawSocket();
  // A text frame of invalid UTF-8, written under ws's own framing.
  socket.send(Buffer.from([0xff, 0xfe]), { binary: false });
  expect(await closed).toBe(1007);
  await until(() => protocolErrors.length === before.protocol + 1);
  expect(errorCodes.filter((c) => c === 'INTERNAL_SERVER_ERROR')).toHaveLength(before.internal);
});
