import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Sending a WebSocket frame costs a system call (a writev of header and payload), and under
 * load that call is most of the cost of a delivery. Frames sent to one socket within one turn
 * of the event loop are written together instead: the first send of a turn corks the socket's
 * TCP stream, and the end of the turn uncorks every socket corked during it.
 */
const streams = new WeakMap<WebSocket, Duplex>();
let corked: Duplex[] = [];

/** Called with the stream `ws` upgraded from, the only place it is handed out. */
export function registerStream(socket: WebSocket, stream: Duplex): void {
  streams.set(socket, stream);
}

export function sendBatched(socket: WebSocket, frame: string): void {
  const stream = streams.get(socket);
  if (stream && !stream.writableCorked && !stream.destroyed) {
    stream.cork();
    if (corked.push(stream) === 1) setImmediate(uncorkAll);
  }
  socket.send(frame);
}

function uncorkAll(): void {
  const list = corked;
  corked = [];
  for (const stream of list) stream.uncork();
}
