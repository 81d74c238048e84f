import { isTRPCClientError } from '@trpc/client';

/** The tRPC error code of a server answer, or undefined when no answer came (socket closed, offline). */
export function errorCode(error: unknown): string | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string' ? data.code : undefined;
}

/** A failure that a retry may fix: the request never got a server answer. */
export function isConnectionError(error: unknown): boolean {
  return error instanceof Error && errorCode(error) === undefined;
}

/** A sentence to show the user for any failure. */
export function errorMessage(error: unknown): string {
  if (isConnectionError(error)) return "Couldn't reach the server. Check your connection and try again.";
  switch (errorCode(error)) {
    case 'TOO_MANY_REQUESTS':
      return "You're going a bit fast. Wait a moment and try again.";
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on the server. Try again.';
    default:
      return error instanceof Error && error.message ? error.message : 'Something went wrong. Try again.';
  }
}

/** First message per top-level field of a failed zod parse, for showing under each input. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    out[field] ??= issue.message;
  }
  return out;
}

/**
 * The server names the wrong field of a BAD_REQUEST in `data.field` and starts its message
 * with "field: ", so the problem can be shown under the input it is about.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isTRPCClientError(error) || errorCode(error) !== 'BAD_REQUEST') return {};
  const data: unknown = error.data;
  const field = typeof data === 'object' && data !== null && 'field' in data && typeof data.field === 'string' ? data.field : null;
  if (!field) return {};
  const prefix = `${field}: `;
  return { [field]: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
}
