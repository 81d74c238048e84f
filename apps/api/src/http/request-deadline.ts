import type { IncomingMessage, ServerResponse } from 'node:http';

/** What an upload reports as its bytes arrive, so that only a stalled upload runs out of time. */
export interface Progress {
  progressed(): void;
}

/**
 * A request whose body has not fully arrived in time is answered 408 and its connection closed:
 * a client dribbling a body must not hold a connection, a parser and a handler for minutes.
 * Uploads get `idleMs` between chunks instead of one deadline for the whole body, since a large
 * file on a slow link may rightly take long; the caller reports each chunk.
 */
export function requestDeadline(req: IncomingMessage, res: ServerResponse, mode: { totalMs: number } | { idleMs: number }): Progress {
  const ms = 'totalMs' in mode ? mode.totalMs : mode.idleMs;
  const expire = () => {
    if (req.complete) return;
    // With `connection: close`, Node closes the socket once the answer is written.
    if (res.headersSent) req.socket.destroy();
    else res.writeHead(408, { 'content-type': 'application/json', connection: 'close' }).end('{"error":"the request took too long to arrive"}');
  };
  let timer = setTimeout(expire, ms);
  res.once('close', () => clearTimeout(timer));
  return {
    progressed() {
      if ('totalMs' in mode) return;
      clearTimeout(timer);
      timer = setTimeout(expire, ms);
    },
  };
}
