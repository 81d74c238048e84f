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
