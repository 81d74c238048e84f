import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 32 random bytes: the token is the only secret a client holds, so it must be unguessable. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Only this hash is stored, so a copy of the database grants no sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The file cookie's token of a session: as unguessable as the session token, but it reveals
 * nothing of it (an HMAC keyed with it), and it is the same each time it is asked for, so
 * tabs that set the cookie at once cannot leave one another's images with a superseded token.
 */
export const fileTokenOf = (sessionToken: string): string => createHmac('sha256', sessionToken).update('chat file cookie').digest('base64url');
