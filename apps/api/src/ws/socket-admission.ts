import type { WebSocket } from 'ws';

export interface AdmissionLimits {
  /** Sockets not signed in yet, per client address; null: no per-address cap (RATE_LIMIT=off). */
  maxUnsignedPerAddress: number | null;
  unsignedTimeoutMs: number;
  /** Signed-in sockets of one user on this process. */
  maxSocketsPerUser: number;
}

interface Unsigned {
  address: string;
  timer: NodeJS.Timeout;
}

/**
 * Who may hold a WebSocket open. A legitimate client signs in with its first message, so a
 * socket that stays unsigned is either on its way to the sign-in page or an attacker's: they
 * are capped per address (a whole office behind one NAT still connects, since its sockets leave
 * the count at once) and closed after a while. Signed-in sockets are capped per user, so one
 * account cannot hold the memory and the frames of thousands.
 *
 * Only unsigned sockets are tracked per socket; a signed-in one is counted under its user,
 * which its context names again when it closes.
 */
export class SocketAdmission {
  private readonly unsigned = new Map<WebSocket, Unsigned>();
  private readonly unsignedByAddress = new Map<string, number>();
  private readonly socketsByUser = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits) {}

  /** Asked before the upgrade: false when the address holds its share of unsigned sockets already. */
  mayOpen(address: string): boolean {
    const max = this.limits.maxUnsignedPerAddress;
    return max === null || (this.unsignedByAddress.get(address) ?? 0) < max;
  }

  opened(socket: WebSocket, address: string): void {
    const timer = setTimeout(() => socket.close(1008, `sign in within ${Math.round(this.limits.unsignedTimeoutMs / 1000)} s`), this.limits.unsignedTimeoutMs);
    timer.unref();
    this.unsigned.set(socket, { address, timer });
    bump(this.unsignedByAddress, address, 1);
  }

  /** Its context is made: a refusal to close the socket with, or null. */
  contextMade(socket: WebSocket, userId: string | null): string | null {
    if (userId === null) return null;
    this.leaveUnsigned(socket);
    const count = bump(this.socketsByUser, userId, 1);
    return count > this.limits.maxSocketsPerUser ? `more than ${this.limits.maxSocketsPerUser} open connections for this account` : null;
  }

  closed(socket: WebSocket, userId: string | null): void {
    if (this.leaveUnsigned(socket)) return;
    if (userId !== null) bump(this.socketsByUser, userId, -1);
  }

  private leaveUnsigned(socket: WebSocket): boolean {
    const entry = this.unsigned.get(socket);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.unsigned.delete(socket);
    bump(this.unsignedByAddress, entry.address, -1);
    return true;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): number {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
  return count;
}
