import { TRPCClientError } from '@trpc/client';
import type { Message, RoomEvent } from '@chat/api-types';
import type { AppRouter } from '../src/router.ts';
import { afterAll, expect } from 'vitest';
import type { ServerOptions } from '../src/server.ts';
import { connectWs, signUp, startTestServer, type Client, type TestServer, type WsClient } from './harness.ts';

/** Awaits `call` and returns the TRPCClientError it failed with; fails the test if it succeeded. */
export async function errorOf(call: Promise<unknown> | (() => Promise<unknown>)): Promise<TRPCClientError<AppRouter>> {
  try {
    const value = await (typeof call === 'function' ? call() : call);
    throw new Error(`expected an error, got a success: ${JSON.stringify(value)?.slice(0, 300)}`);
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    return err as TRPCClientError<AppRouter>;
  }
}

export const codeOf = (err: unknown): string | undefined =>
  err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;

/** Expects the call to fail with one of `codes`; returns the error for further checks. */
export async function expectCode(
  call: Promise<unknown> | (() => Promise<unknown>),
  codes: string | string[],
): Promise<TRPCClientError<AppRouter>> {
  const err = await errorOf(call);
  const allowed = Array.isArray(codes) ? codes : [codes];
  expect(allowed, `error was ${codeOf(err)}: ${err.message}`).toContain(codeOf(err));
  return err;
}

/** Expects BAD_REQUEST that names `field` (in data.field or in the message). */
export async function expectBadField(call: Promise<unknown> | (() => Promise<unknown>), field: string) {
  const err = await expectCode(call, 'BAD_REQUEST');
  const dataField = (err.data as { field?: string } | undefined)?.field;
  expect(`${dataField ?? ''} ${err.message}`).toContain(field);
  return err;
}

export interface ReceivedEvent {
  id: string;
  type: RoomEvent['type'];
  message: Message;
}

export interface RoomWatch {
  events: ReceivedEvent[];
  errors: unknown[];
  /** Resolves once the server confirmed the subscription; rejects if it failed first. */
  started: Promise<void>;
  stop(): void;
}

/** Subscribes to message.onEvent and records everything that arrives. */
export function watchRoom(client: Client, roomId: string, lastEventId?: string | null): RoomWatch {
  const events: ReceivedEvent[] = [];
  const errors: unknown[] = [];
  let onStarted!: () => void;
  let onFailed!: (err: unknown) => void;
  const started = new Promise<void>((resolve, reject) => {
    onStarted = resolve;
    onFailed = reject;
  });
  started.catch(() => {});
  const sub = client.message.onEvent.subscribe(
    { roomId, lastEventId },
    {
      onStarted: () => onStarted(),
      onData: (e) => events.push({ id: e.id, type: e.data.type, message: e.data.message }),
      onError: (err) => {
        errors.push(err);
        onFailed(err);
      },
    },
  );
  return { events, errors, started, stop: () => sub.unsubscribe() };
}

/** Expects a subscription to be refused with one of `codes`, delivering no data. */
export async function expectSubscriptionRefused(client: Client, roomId: string, codes: string[]): Promise<void> {
  const watch = watchRoom(client, roomId, '0');
  const err = await watch.started.then(
    () => new Error('subscription started'),
    (e: unknown) => e,
  );
  watch.stop();
  expect(codes, `subscription error was ${codeOf(err)}: ${(err as Error).message}`).toContain(codeOf(err));
  expect(watch.events).toEqual([]);
}

/** Every message of a room, oldest first, by walking history pages. */
export async function allHistory(client: Client, roomId: string, limit = 100): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: string | null = null;
  for (;;) {
    const page = await client.message.history.query({ roomId, before, limit });
    pages.unshift(page.messages);
    if (page.nextCursor === null) break;
    before = page.nextCursor;
  }
  return pages.flat();
}

/** Keeps track of WebSocket clients so a test file can close them all at the end. */
export class ClientPool {
  private readonly clients: WsClient[] = [];

  add<T extends WsClient>(client: T): T {
    this.clients.push(client);
    return client;
  }

  connect(server: TestServer, token?: string): WsClient {
    return this.add(connectWs(server, token));
  }

  async closeAll(): Promise<void> {
    const clients = this.clients.splice(0);
    await Promise.allSettled(clients.map((c) => c.close()));
  }
}

let unique = 0;
/** A name no other test in this process uses. */
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${++unique}`;

export type Member = Awaited<ReturnType<typeof signUp>>;

/**
 * The server one test file talks to, with `names` signed up in that order; the server and
 * every client in `pool` close after the file's last test. Meant for top-level await, so the
 * file's tests read plain constants.
 */
export async function serverForFile<const N extends string>(names: readonly N[] = [], opts?: Partial<ServerOptions>) {
  const server = await startTestServer(opts);
  const pool = new ClientPool();
  afterAll(async () => {
    await pool.closeAll();
    await server.close();
  });
  const users = {} as Record<N, Member>;
  for (const name of names) users[name] = pool.add(await signUp(server, name));
  return { server, pool, users };
}
