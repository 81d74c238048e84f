import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** 32 random bytes: the token is the only secret a client holds, so it must be unguessable. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Only this hash is stored, so a copy of the database grants no sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
