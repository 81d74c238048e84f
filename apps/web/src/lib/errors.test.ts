import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage, fieldErrors, isConnectionError, serverFieldErrors } from './errors.ts';

function serverError(code: string, message: string, extra: Record<string, unknown> = {}) {
  return new TRPCClientError(message, { result: { error: { message, code: -32600, data: { code, httpStatus: 400, ...extra } } } });
}

describe('errors', () => {
  it('reads the tRPC code of a server answer', () => {
    const error = serverError('CONFLICT', 'username is taken');
    expect(errorCode(error)).toBe('CONFLICT');
    expect(isConnectionError(error)).toBe(false);
    expect(errorMessage(error)).toBe('username is taken');
  });

  it('treats an error without a server answer as a connection problem', () => {
    const error = new TRPCClientError('WebSocket closed');
    expect(errorCode(error)).toBeUndefined();
    expect(isConnectionError(error)).toBe(true);
    expect(errorMessage(error)).toMatch(/reach the server/);
  });

  it('rewords rate limiting', () => {
    expect(errorMessage(serverError('TOO_MANY_REQUESTS', 'slow down'))).toMatch(/a bit fast/);
  });

  it('keeps the first issue per field', () => {
    const issues = [
      { path: ['username'], message: 'too short' },
      { path: ['username'], message: 'bad chars' },
      { path: ['password'], message: 'too short' },
    ];
    expect(fieldErrors(issues)).toEqual({ username: 'too short', password: 'too short' });
  });

  it('puts a server validation failure under the field it names', () => {
    const error = serverError('BAD_REQUEST', 'name: must not be blank', { field: 'name' });
    expect(serverFieldErrors(error)).toEqual({ name: 'must not be blank' });
    expect(serverFieldErrors(serverError('BAD_REQUEST', 'bad'))).toEqual({});
    expect(serverFieldErrors(serverError('CONFLICT', 'taken', { field: 'name' }))).toEqual({});
  });
});
