import { TRPCError } from '@trpc/server';
import { TooManyRequests } from './rate-limit.ts';
import { DomainError, isConnectionFailure } from './storage/errors.ts';

/** A backing service (the database, Redis) is unreachable for now; nothing is wrong with the request. */
export class ServiceUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailable';
  }
}

/** Our own errors become their tRPC codes; anything else stays as it is (and is logged). */
export function toTRPCError(err: unknown): unknown {
  if (err instanceof DomainError) return new TRPCError({ code: err.code, message: err.message, cause: err });
  if (err instanceof TooManyRequests) return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: err.message, cause: err });
  if (err instanceof ServiceUnavailable) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: err.message, cause: err });
  if (isConnectionFailure(err)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; try again shortly', cause: err });
  }
  return err;
}

interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/** The first validation issue as "field: problem", so a client knows which field is wrong. */
export function describeValidation(cause: unknown): string | null {
  if (typeof cause !== 'object' || cause === null || !('issues' in cause) || !Array.isArray(cause.issues)) return null;
  const issue = cause.issues[0] as Issue | undefined;
  if (!issue) return null;
  const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
