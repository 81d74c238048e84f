import { DomainError } from './errors.ts';

// How SQLite's refusals read, for the store's modules that turn them into domain errors.

export const isUniqueViolation = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT_UNIQUE');

/** The message's (author, clientMsgId) is taken: a send made again. */
export const isRetriedSend = (err: unknown): boolean =>
  isUniqueViolation(err) && (err as Error).message.includes('messages.client_msg_id');

/** Runs a write that names a room: a name another room has, whatever its case, is a CONFLICT. */
export function namingRoom<T>(name: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('CONFLICT', `a room named "${name}" already exists`);
    throw err;
  }
}
