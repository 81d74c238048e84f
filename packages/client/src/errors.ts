import { TRPCClientError } from '@trpc/client';

/** The server's error codes, plus NETWORK for a call that never got an answer. */
export type ChatErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** The server no longer speaks (or does not yet speak) this SDK's protocol version: update one of them. */
  | 'PRECONDITION_FAILED'
  /** A service behind the server (its database) is down for a moment. */
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

/** Every failure of the SDK, with a code to branch on instead of parsing messages. */
export class ChatError extends Error {
  constructor(
    readonly code: ChatErrorCode,
    message: string,
    /** For BAD_REQUEST: the input field that is wrong, when the server named one. */
    readonly field: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChatError';
  }

  /** Worth trying again with the same input (sends are idempotent by clientMsgId). */
  get retriable(): boolean {
    return ['NETWORK', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'].includes(this.code);
  }
}

const KNOWN = new Set<ChatErrorCode>([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'PRECONDITION_FAILED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof TRPCClientError) {
    const data = err.data as { code?: string; field?: string } | undefined;
    const code = data?.code && KNOWN.has(data.code as ChatErrorCode) ? (data.code as ChatErrorCode) : 'NETWORK';
    return new ChatError(code, err.message, data?.field ?? null, { cause: err });
  }
  return new ChatError('NETWORK', err instanceof Error ? err.message : String(err), null, { cause: err });
}

export const isChatError = (err: unknown, code?: ChatErrorCode): err is ChatError =>
  err instanceof ChatError && (code === undefined || err.code === code);
