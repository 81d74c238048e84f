/**
 * What one call got back. `code` and `status` are the tRPC error's (`data.code`, and the HTTP
 * status, from the response or from `data.httpStatus` over WebSocket).
 */
export type Outcome = { ok: true; status?: number } | { ok: false; code: string | undefined; status?: number; message: string };

/** An error shape as both transports send it. */
export interface ErrorShape {
  message?: unknown;
  code?: unknown;
  data?: { code?: unknown; httpStatus?: unknown };
}

/** JSON-RPC's number for INTERNAL_SERVER_ERROR, for a shape that lost its `data`. */
const INTERNAL_RPC_CODE = -32603;

export function outcomeOfShape(error: ErrorShape, status?: number): Outcome {
  const httpStatus = typeof error.data?.httpStatus === 'number' ? error.data.httpStatus : undefined;
  const fallbackCode = error.code === INTERNAL_RPC_CODE ? 'INTERNAL_SERVER_ERROR' : undefined;
  return {
    ok: false,
    code: typeof error.data?.code === 'string' ? error.data.code : fallbackCode,
    status: status ?? httpStatus,
    message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
  };
}

/**
 * Why an outcome breaks the property, or null when it is a fine answer: data, or an error a
 * client can act on. A 5xx, an INTERNAL_SERVER_ERROR, and an error with no tRPC code (the
 * connection failed, nothing answered) are not. No backing service is down in these tests,
 * so 503 is not excused either.
 */
export function defectOf(outcome: Outcome): string | null {
  if (outcome.status !== undefined && outcome.status >= 500) return `HTTP ${outcome.status}${outcome.ok ? '' : ` ${outcome.code}: ${outcome.message}`}`;
  if (outcome.ok) return null;
  if (outcome.code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${outcome.message}`;
  if (outcome.code === undefined) return `no tRPC error code (no answer, or the connection failed): ${outcome.message}`;
  return null;
}

/** An input as it can be pasted into a repro: JSON with odd characters escaped, cut short. */
export function preview(value: unknown, max = 400): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
