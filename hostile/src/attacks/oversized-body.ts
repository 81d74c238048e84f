import { nextAddress, RawConnection, requestHead } from '../net.ts';
import type { Target } from '../target.ts';
import { waitUntil } from '../time.ts';

const PIECE = 64 * 1024;
const ANSWER_TIMEOUT_MS = 5000;
/**
 * How long the client pauses where a server should have answered already. A client still
 * writing when the server closes gets a reset, and Node then drops the answer unread.
 */
const PAUSE_MS = 1000;

export interface BodyOutcome {
  status: number | null;
  /** The server closed the connection (rather than waiting for, or draining, the rest). */
  closed: boolean;
  /** Body bytes written before the answer came (or all we sent, without one). */
  bytesSent: number;
}

/**
 * POST /trpc/auth.login declaring `declaredBytes` of body and sending only the first
 * `sentBytes`: a server that waits for the rest, or buffers it, never answers.
 */
export async function declaredHugeBody(target: Target, declaredBytes = 200 * 1024 * 1024, sentBytes = 4 * 1024 * 1024): Promise<BodyOutcome> {
  const conn = await RawConnection.open(target, nextAddress());
  try {
    await conn.write(requestHead('POST', '/trpc/auth.login', { 'content-type': 'application/json', 'content-length': declaredBytes }));
    await waitUntil(() => conn.status() !== null || conn.closed, PAUSE_MS);
    const piece = Buffer.alloc(PIECE, 'a');
    let bytesSent = 0;
    while (bytesSent < sentBytes && conn.status() === null && (await conn.write(piece))) bytesSent += PIECE;
    await conn.answeredAndClosed(ANSWER_TIMEOUT_MS);
    return { status: conn.status(), closed: conn.closed, bytesSent };
  } finally {
    conn.destroy();
  }
}

/**
 * The same call with a chunked body (no Content-Length) of `sentBytes`, a JSON input that is
 * valid but far too large, complete unless the server cuts it off first.
 */
export async function chunkedHugeBody(target: Target, sentBytes = 2 * target.limits.httpMaxBodyBytes): Promise<BodyOutcome> {
  const conn = await RawConnection.open(target, nextAddress());
  const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
  try {
    await conn.write(requestHead('POST', '/trpc/auth.login', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }));
    let bytesSent = 0;
    const send = async (data: string) => {
      const written = await conn.write(chunk(data));
      if (written) bytesSent += data.length;
      return written;
    };
    let open = await send('{"username":"someone","password":"');
    const unanswered = () => open && conn.status() === null;
    while (unanswered() && bytesSent < target.limits.httpMaxBodyBytes + PIECE) open = await send('a'.repeat(PIECE));
    await waitUntil(() => !unanswered() || conn.closed, PAUSE_MS);
    while (unanswered() && bytesSent < sentBytes) open = await send('a'.repeat(PIECE));
    if (unanswered()) await conn.write(`${chunk('"}')}0\r\n\r\n`);
    await conn.answeredAndClosed(ANSWER_TIMEOUT_MS);
    return { status: conn.status(), closed: conn.closed, bytesSent };
  } finally {
    conn.destroy();
  }
}
