/**
 * A rule of the domain that the caller broke. Storage and services throw these; the tRPC
 * layer maps them one to one onto tRPC error codes, so no other error reaches a client.
 */
export class DomainError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHORIZED',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Errors and their causes, outermost first (Drizzle wraps the driver's error as `cause`). */
function* causes(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/** The SQLSTATE (PostgreSQL) or driver code of a database error, looking through wrappers. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const e of causes(err)) {
    if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  }
  return undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/;

/**
 * True when the database could not be reached or dropped the connection (a restart, a
 * terminated backend, a network blip): the request may be retried; nothing is wrong with it.
 */
export function isConnectionFailure(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
    if (e instanceof Error && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}
