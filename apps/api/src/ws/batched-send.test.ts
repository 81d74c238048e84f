import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { registerStream, sendBatched } from './batched-send.ts';

let server: Server | null = null;
let client: WebSocket | null = null;

afterEach(async () => {
  client?.terminate();
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

/** A real socket pair; `writes` counts the system-call-sized writes the server's TCP stream makes. */
async function connected(): Promise<{ ws: WebSocket; writes: () => number; received: string[] }> {
  const wss = new WebSocketServer({ noServer: true });
  let writes = 0;
  const opened = new Promise<WebSocket>((resolve) => {
    server = createServer();
    server.on('upgrade', (req, socket: Duplex, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        registerStream(ws, socket);
        const stream = socket as Duplex & { _write: Duplex['_write']; _writev?: Duplex['_writev'] };
        const write = stream._write.bind(stream);
        const writev = stream._writev?.bind(stream);
        stream._write = (...args) => (writes++, write(...args));
        if (writev) stream._writev = (...args) => (writes++, writev(...args));
        resolve(ws);
      }),
    );
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const received: string[] = [];
  client = new WebSocket(`ws://127.0.0.1:${(server?.address() as AddressInfo).port}`);
  client.on('message', (data) => received.push(String(data)));
  return { ws: await opened, writes: () => writes, received };
}

test("frames sent by one piece of work, and by the promises it resolves, leave in one write", async () => {
  const { ws, writes, received } = await connected();
  const before = writes();
  // As a send: its event goes out in the fan-out, and its answer several promise hops later.
  await Promise.resolve().then(async () => {
    sendBatched(ws, 'event');
    for (let hop = 0; hop < 10; hop++) await null;
    sendBatched(ws, 'answer');
  });
  await expect.poll(() => received).toEqual(['event', 'answer']);
  expect(writes() - before).toBe(1);
});

test('frames of separate turns of the event loop are not held for each other', async () => {
  const { ws, writes, received } = await connected();
  const before = writes();
  sendBatched(ws, 'one');
  await new Promise((r) => setImmediate(r));
  expect(writes() - before).toBe(1);
  sendBatched(ws, 'two');
  await expect.poll(() => received).toEqual(['one', 'two']);
  expect(writes() - before).toBe(2);
});
