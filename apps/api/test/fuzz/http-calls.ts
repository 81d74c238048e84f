import type { Call, Caller } from './calls.ts';
import { CALL_DEADLINE_MS } from './deadline.ts';
import { outcomeOfShape, type ErrorShape, type Outcome } from './outcome.ts';

/** How long a subscription's event stream is read for its first event. */
const LISTEN_MS = 50;

/**
 * tRPC's plain HTTP protocol, by hand, so that the status of every answer is seen: queries (and
 * subscriptions, as server-sent events) are GETs with `?input=`, mutations POST their input as
 * JSON.
 */
export async function callOverHttp(baseUrl: string, token: string | null, call: Call): Promise<Outcome> {
  const url = new URL(`${baseUrl}/trpc/${encodeURIComponent(call.path)}`);
  const json = call.input === undefined ? undefined : JSON.stringify(call.input);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const init: RequestInit = { headers, signal: AbortSignal.timeout(CALL_DEADLINE_MS) };
  if (call.type === 'mutation') Object.assign(init, { method: 'POST', body: json ?? '', headers: { ...headers, 'content-type': 'application/json' } });
  else if (json !== undefined) url.searchParams.set('input', json);
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    return { ok: false, code: undefined, message: `${call.path}: ${String(err)}` };
  }
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) return readEventStream(res);
  const text = await res.text().catch((err: unknown) => `(the body could not be read: ${String(err)})`);
  const error = parseJson(text)?.error;
  if (error !== undefined) return outcomeOfShape(error, res.status);
  return res.ok ? { ok: true, status: res.status } : { ok: false, code: `HTTP ${res.status}`, status: res.status, message: text.slice(0, 200) };
}

/**
 * Calls made at once go as httpBatchLink sends them: one request per caller and type, with
 * `?batch=1`, the paths joined by commas and the inputs keyed by position (a GET for queries, a
 * POST for mutations); subscriptions, which tRPC does not batch, one by one.
 */
export async function callBatchOverHttp(baseUrl: string, tokenOf: (caller: Caller) => string | null, calls: Call[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const groups = new Map<string, number[]>();
  calls.forEach((call, i) => {
    const key = call.type === 'subscription' ? `${i}` : `${call.caller} ${call.type}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  await Promise.all(
    [...groups.values()].map(async (positions) => {
      const group = positions.map((i) => calls[i] as Call);
      const first = group[0] as Call;
      const answers = first.type === 'subscription' ? [await callOverHttp(baseUrl, tokenOf(first.caller), first)] : await batchRequest(baseUrl, tokenOf(first.caller), group);
      positions.forEach((position, k) => (outcomes[position] = answers[k] as Outcome));
    }),
  );
  return outcomes;
}

async function batchRequest(baseUrl: string, token: string | null, calls: Call[]): Promise<Outcome[]> {
  const url = new URL(`${baseUrl}/trpc/${calls.map((call) => encodeURIComponent(call.path)).join(',')}`);
  url.searchParams.set('batch', '1');
  const inputs = JSON.stringify(Object.fromEntries(calls.map((call, i) => [i, call.input])));
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const init: RequestInit = { headers, signal: AbortSignal.timeout(CALL_DEADLINE_MS) };
  if (calls[0]?.type === 'mutation') Object.assign(init, { method: 'POST', body: inputs, headers: { ...headers, 'content-type': 'application/json' } });
  else url.searchParams.set('input', inputs);
  const every = (outcome: Outcome) => calls.map(() => outcome);
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    return every({ ok: false, code: undefined, message: `batch ${url.pathname}: ${String(err)}` });
  }
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) return every(await readEventStream(res));
  const text = await res.text().catch((err: unknown) => `(the body could not be read: ${String(err)})`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return every(res.ok ? { ok: true, status: res.status } : { ok: false, code: `HTTP ${res.status}`, status: res.status, message: text.slice(0, 200) });
  }
  // The whole batch refused (malformed, too large): one error for all of its calls.
  if (!Array.isArray(body)) return every(outcomeOfAnswer(body, res.status));
  // Each answer's status is in its own error's data; the response's own (207, or the common one) still must not be a 5xx.
  return calls.map((_, i) => outcomeOfAnswer(body[i], res.status >= 500 ? res.status : undefined));
}

function outcomeOfAnswer(answer: unknown, status: number | undefined): Outcome {
  const error = (answer as { error?: ErrorShape } | undefined)?.error;
  if (error !== undefined) return outcomeOfShape(error, status);
  if (answer === undefined) return { ok: false, code: undefined, message: 'no answer for this call in the batch' };
  return { ok: true, status };
}

function parseJson(text: string): (ErrorShape & { error?: ErrorShape }) | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as ErrorShape & { error?: ErrorShape }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A subscription over HTTP is a stream of server-sent events; an error after it started comes
 * as a `serialized-error` event. Reads until the first event past the greeting, or for
 * LISTEN_MS, then hangs up.
 */
async function readEventStream(res: Response): Promise<Outcome> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const stop = setTimeout(() => void reader.cancel().catch(() => {}), LISTEN_MS);
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, status: res.status };
      text += decoder.decode(value, { stream: true });
      const events = text.split('\n\n');
      text = events.pop() ?? '';
      for (const event of events) {
        const type = /^event: (.*)$/m.exec(event)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(event)?.[1] ?? '';
        // The response's 200 came before the error: the error's own status is in its data.
        if (type === 'serialized-error') return outcomeOfShape(parseJson(data) ?? { message: data });
        if (type !== 'connected' && type !== 'ping') return { ok: true, status: res.status };
      }
    }
  } catch (err) {
    return { ok: false, code: undefined, message: `the event stream broke off: ${String(err)}` };
  } finally {
    clearTimeout(stop);
    void reader.cancel().catch(() => {});
  }
}
