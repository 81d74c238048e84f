import { PROTOCOL_VERSION } from '@chat/api-types';
import { TRPCError } from '@trpc/server';

/**
 * The oldest contract version this server still answers. Raise it when a change stops older
 * clients from working (a removed procedure or field): they are then told to update, by name.
 */
export const OLDEST_PROTOCOL: number = 1;

/** Null when the client speaks a version this server does, or says none; else the error to answer every call with. */
export function protocolRefusal(sent: string | null): TRPCError | null {
  if (sent === null) return null;
  const version = /^[0-9]{1,6}$/.test(sent) ? Number(sent) : NaN;
  if (version >= OLDEST_PROTOCOL && version <= PROTOCOL_VERSION) return null;
  const speaks = OLDEST_PROTOCOL === PROTOCOL_VERSION ? `${PROTOCOL_VERSION}` : `${OLDEST_PROTOCOL} to ${PROTOCOL_VERSION}`;
  const fix = version > PROTOCOL_VERSION ? 'this server is older than the client: upgrade the server' : 'update the client';
  return new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `protocol: this server speaks chat protocol ${speaks}, the client ${JSON.stringify(sent.slice(0, 20))}; ${fix}`,
  });
}

/** The version whose shapes a client is sent: what it says, or the public contract's first when it says none. */
export const eventProtocol = (sent: string | null): number => (sent === null ? 1 : Number(sent));
