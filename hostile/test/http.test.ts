import { expect, test } from 'vitest';
import { oversizedBatch } from '../src/attacks/http-batch.ts';
import { chunkedHugeBody, declaredHugeBody } from '../src/attacks/oversized-body.ts';
import { queryFlood } from '../src/attacks/query-budget.ts';
import { pacedUpload, slowBody, slowHeaders, stalledUpload } from '../src/attacks/slow-clients.ts';
import { underAttack } from './under-attack.ts';

/** Node checks header and request deadlines every second or so; this much more is still prompt. */
const SLACK_MS = 3000;

underAttack('HTTP', {}, (target) => {
  test('a body declared as 200 MB is refused with 413 at once, and the connection closed', async () => {
    const seen = await declaredHugeBody(target());
    expect(seen).toMatchObject({ status: 413, closed: true });
  });

  test('a chunked body over the limit is refused with 413', async () => {
    const seen = await chunkedHugeBody(target());
    expect(seen).toMatchObject({ status: 413, closed: true });
  });

  test('a batch of one call too many is a 400', async () => {
    expect(await oversizedBatch(target())).toEqual({ status: 400 });
  });

  test('a flood of queries from one user ends in TOO_MANY_REQUESTS, never a hang or a 5xx', async () => {
    const outcomes = await queryFlood(target());
    expect(Object.keys(outcomes).sort()).toEqual(['TOO_MANY_REQUESTS', 'ok']);
  });

  test('a request head sent a byte at a time is cut off after the headers timeout', async () => {
    const { limits } = target();
    const seen = await slowHeaders(target());
    expect([408, null]).toContain(seen.status);
    expect(seen.closedAfterMs).not.toBeNull();
    expect(seen.closedAfterMs).toBeLessThan(limits.httpHeadersTimeoutMs + SLACK_MS);
  });

  test('a body dribbled a byte a second gets 408 and a closed connection after the request timeout', async () => {
    const { limits } = target();
    const seen = await slowBody(target());
    expect(seen.status).toBe(408);
    expect(seen.closedAfterMs).not.toBeNull();
    expect(seen.closedAfterMs).toBeLessThan(limits.httpRequestTimeoutMs + SLACK_MS);
  });

  test('an upload that keeps making progress may take longer than the request timeout', async () => {
    const seen = await pacedUpload(target());
    expect(seen.status).toBe(201);
    expect(seen.tookMs).toBeGreaterThan(target().limits.httpRequestTimeoutMs);
  });

  test('an upload that stalls is closed after the upload idle timeout', async () => {
    const { limits } = target();
    const seen = await stalledUpload(target());
    expect([408, null]).toContain(seen.status);
    expect(seen.closedAfterMs).not.toBeNull();
    expect(seen.closedAfterMs).toBeLessThan(limits.uploadIdleTimeoutMs + SLACK_MS);
  });
});
