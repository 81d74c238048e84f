import { signUp } from '../clients.ts';
import { nextAddress } from '../net.ts';
import { tally } from '../tally.ts';
import type { Target } from '../target.ts';
import { sleep, waitUntil } from '../time.ts';
import { WsRecorder } from '../ws-recorder.ts';

/** Beyond a timeout, how long an attack waits for the server to act on it. */
const GRACE_MS = 3000;

export interface SocketsOutcome {
  /** Upgrades the server accepted. */
  opened: number;
  /** Upgrades it refused, by HTTP status: `{ '429': 30 }`. */
  refused: Record<string, number>;
  /** How the accepted sockets ended, by close code, or 'open' for those still open. */
  ended: Record<string, number>;
}

async function observe(sockets: WsRecorder[], settle: () => Promise<unknown>): Promise<SocketsOutcome> {
  try {
    const opened = (await Promise.all(sockets.map((s) => s.opened))).filter(Boolean).length;
    await settle();
    const refused = tally(sockets.flatMap((s) => (s.refusedStatus === null ? [] : [String(s.refusedStatus)])));
    const ended = tally(sockets.filter((s) => s.refusedStatus === null).map((s) => (s.isClosed ? String(s.closeCode) : 'open')));
    return { opened, refused, ended };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
  }
}

/** `count` sockets from one address, opened at once, that never sign in. */
export function unsignedSockets(target: Target, count = 80): Promise<SocketsOutcome> {
  const address = nextAddress();
  const sockets = Array.from({ length: count }, () => new WsRecorder(target, { address }));
  const timeout = target.limits.wsUnsignedTimeoutMs + GRACE_MS;
  return observe(sockets, () => waitUntil(() => sockets.every((s) => s.isClosed), timeout));
}

/** `count` sockets of one user, all signed in. */
export async function userSockets(target: Target, count = 40): Promise<SocketsOutcome> {
  const account = await signUp(target, nextAddress(), 'hoarder');
  const sockets = Array.from({ length: count }, () => new WsRecorder(target, { address: account.address, token: account.token }));
  const over = count - target.limits.wsMaxSocketsPerUser;
  return observe(sockets, async () => {
    await waitUntil(() => sockets.filter((s) => s.isClosed).length >= over, GRACE_MS);
    // Time for any socket the server would still close wrongly.
    await sleep(300);
  });
}
