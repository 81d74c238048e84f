import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@chat/api-types';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from '@trpc/client';
import { expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { AppRouter } from '../src/router.ts';
import { OLDEST_PROTOCOL } from '../src/procedures/protocol.ts';
import { expectCode, serverForFile } from './helpers.ts';

const { server, pool, users } = await serverForFile(['ada']);
const { ada } = users;

/** A client that says which contract version it speaks, on the socket and over HTTP. */
function speaking(protocol: string) {
  const ws = createWSClient({
    url: server.wsUrl,
    connectionParams: { token: ada.token, protocol },
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const socket = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  pool.add({ client: socket, ws, close: () => ws.close() });
  const http = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${ada.token}`, [PROTOCOL_HEADER]: protocol } })],
  });
  return { socket, http };
}

test('a client speaking any version from the oldest this server speaks to its own, or saying none, is served', async () => {
  for (let version = OLDEST_PROTOCOL; version <= PROTOCOL_VERSION; version++) {
    const client = speaking(String(version));
    expect((await client.socket.auth.me.query())?.username).toBe(ada.user.username);
    expect((await client.http.auth.me.query())?.username).toBe(ada.user.username);
  }
  expect((await ada.client.auth.me.query())?.username).toBe(ada.user.username);
});

test('an older client is told to update, a newer one that the server is older, on every call', async () => {
  const older = speaking(String(OLDEST_PROTOCOL - 1));
  for (const call of [() => older.socket.auth.me.query(), () => older.http.room.list.query(), () => older.socket.auth.logout.mutate()]) {
    const err = await expectCode(call, 'PRECONDITION_FAILED');
    expect(err.message).toMatch(`this server speaks chat protocol ${OLDEST_PROTOCOL} to ${PROTOCOL_VERSION}`);
    expect(err.message).toMatch('update the client');
  }
  const newer = speaking(String(PROTOCOL_VERSION + 1));
  expect((await expectCode(() => newer.http.auth.me.query(), 'PRECONDITION_FAILED')).message).toMatch('upgrade the server');
  // The refused client's session is untouched: the same token still works from a current client.
  expect((await ada.client.auth.me.query())?.username).toBe(ada.user.username);
});

test('a version that is not a number is refused the same way, quoted and cut short', async () => {
  const err = await expectCode(() => speaking('x'.repeat(500)).http.auth.me.query(), 'PRECONDITION_FAILED');
  expect(err.message.length).toBeLessThan(200);
});
