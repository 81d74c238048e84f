import { signUp } from '../clients.ts';
import { dribble, nextAddress, RawConnection, requestHead } from '../net.ts';
import type { Target } from '../target.ts';
import { sleep, waitUntil } from '../time.ts';
import { multipart, uploadHeaders } from '../uploads.ts';

/** Beyond a timeout, how long an attack waits for the server to act on it. */
const GRACE_MS = 5000;

export interface SlowOutcome {
  status: number | null;
  /** When the server closed the connection, in ms after it opened; null if it never did. */
  closedAfterMs: number | null;
}

const outcomeOf = (conn: RawConnection): SlowOutcome => ({ status: conn.status(), closedAfterMs: conn.closedAfterMs });

/** Slowloris: a request head sent one byte every `everyMs`, never complete. */
export async function slowHeaders(target: Target, everyMs = 100): Promise<SlowOutcome> {
  const conn = await RawConnection.open(target, nextAddress());
  try {
    const head = `GET /healthz HTTP/1.1\r\nHost: chat\r\nX-Padding: ${'a'.repeat(100_000)}`;
    const giveUpAt = Date.now() + target.limits.httpHeadersTimeoutMs + GRACE_MS;
    for (let i = 0; i < head.length && Date.now() < giveUpAt && (await conn.write(head.charAt(i))); i++) await sleep(everyMs);
    await waitUntil(() => conn.closed, 1000);
    return outcomeOf(conn);
  } finally {
    conn.destroy();
  }
}

/** A /trpc POST whose declared 64-byte body comes one byte a second. */
export async function slowBody(target: Target): Promise<SlowOutcome> {
  const conn = await RawConnection.open(target, nextAddress());
  try {
    const body = Buffer.from(`{"username":"slow","password":"${'a'.repeat(34)}"}`);
    await conn.write(requestHead('POST', '/trpc/auth.login', { 'content-type': 'application/json', 'content-length': body.length }));
    const giveUpAt = Date.now() + target.limits.httpRequestTimeoutMs + GRACE_MS;
    for (let i = 0; i < body.length && Date.now() < giveUpAt && (await conn.write(body.subarray(i, i + 1))); i++) await sleep(1000);
    await conn.answeredAndClosed(1000);
    return outcomeOf(conn);
  } finally {
    conn.destroy();
  }
}

/**
 * An upload that keeps making progress (a piece every `everyMs`) for twice the request
 * timeout: a slow link, not an attack, and it must get through.
 */
export async function pacedUpload(target: Target, everyMs = 300): Promise<SlowOutcome & { tookMs: number }> {
  const account = await signUp(target, nextAddress(), 'pacer');
  const form = multipart({ name: 'slow.bin', content: Buffer.alloc(16 * 1024, 'p') });
  const conn = await RawConnection.open(target, account.address);
  try {
    const startedAt = Date.now();
    await conn.write(requestHead('POST', '/api/files', uploadHeaders(account, form)));
    await dribble(conn, form.body, Math.ceil((2 * target.limits.httpRequestTimeoutMs) / everyMs), everyMs);
    await waitUntil(() => conn.status() !== null || conn.closed, GRACE_MS);
    return { ...outcomeOf(conn), tookMs: Date.now() - startedAt };
  } finally {
    conn.destroy();
  }
}

/** An upload that sends half its body and then nothing. */
export async function stalledUpload(target: Target): Promise<SlowOutcome> {
  const account = await signUp(target, nextAddress(), 'staller');
  const form = multipart({ name: 'stalled.bin', content: Buffer.alloc(64 * 1024, 's') });
  const conn = await RawConnection.open(target, account.address);
  try {
    await conn.write(requestHead('POST', '/api/files', uploadHeaders(account, form)));
    await conn.write(form.body.subarray(0, form.body.length / 2));
    await waitUntil(() => conn.closed, target.limits.uploadIdleTimeoutMs + GRACE_MS);
    return outcomeOf(conn);
  } finally {
    conn.destroy();
  }
}
